using CsCheck;
using Trader.Domain.Config;
using Trader.Domain.Decisions;
using Trader.Domain.Market;
using Trader.Domain.Portfolio;
using Trader.Domain.Regime;
using Trader.Domain.Risk;
using Trader.Domain.Tests.Support;
using Trader.Domain.Triggers;

namespace Trader.Domain.Tests.Regime;

public sealed class RegimeTests
{
    private static RegimeReading Feed(IEnumerable<Candle> candles)
    {
        var indicator = new RegimeIndicator();
        foreach (var candle in candles) indicator.Update(candle);
        return indicator.Reading;
    }

    /// <summary>BTC-USD minute candles over <paramref name="hours"/> with a linear trend and an hourly zig-zag.</summary>
    private static List<Candle> Btc(int hours, decimal trendPct, decimal zigzagPct) =>
        Candles.Series(hours * 60 + 1, i =>
        {
            var hour = i / 60;
            var wiggle = hour % 2 == 0 ? zigzagPct / 100m : -zigzagPct / 100m;
            return 50_000m * (1m + trendPct / 100m * i / (hours * 60m)) * (1m + wiggle);
        });

    [Theory]
    [Trait("Req", "REQ-U3")]
    [InlineData(15, 0.1, MarketRegime.Bull)]
    [InlineData(2, 0.1, MarketRegime.Chop)]
    [InlineData(-8, 0.1, MarketRegime.Bear)]
    [InlineData(-15, 0.1, MarketRegime.Crash)]
    [InlineData(15, 1.5, MarketRegime.Crash)]   // volatility > 100 %
    [InlineData(12, 0.4, MarketRegime.Chop)]    // up 10 %+ but volatility ≈ 75 % (≥ 60 %)
    public void Regime_from_seven_days_of_btc_candles_follows_the_reference_rules(double trend, double zigzag, MarketRegime expected)
    {
        var reading = Feed(Btc(8 * 24, (decimal)trend, (decimal)zigzag));
        Assert.True(reading.HasSevenDays);
        Assert.Equal(expected, RegimeClassifier.Assess(reading, new RegimeSection()).Regime);
    }

    [Fact]
    [Trait("Req", "REQ-U3")]
    public void Chop_until_seven_days_of_history_exist_and_override_pins_the_regime()
    {
        var crashing = Btc(8 * 24, -30m, 0.1m);
        var early = Feed(crashing.Take(6 * 24 * 60));
        Assert.False(early.HasSevenDays);
        var assessment = RegimeClassifier.Assess(early, new RegimeSection());
        Assert.Equal(MarketRegime.Chop, assessment.Regime);
        Assert.Contains("7 days", assessment.Reason);

        var full = Feed(crashing);
        Assert.Equal(MarketRegime.Crash, RegimeClassifier.Assess(full, new RegimeSection()).Regime);
        var pinned = RegimeClassifier.Assess(full, new RegimeSection { Override = "bull" });
        Assert.Equal((MarketRegime.Bull, 1.2m), (pinned.Regime, pinned.Multiplier));
        Assert.Equal(MarketRegime.Chop, RegimeClassifier.Assess(full, new RegimeSection { Enabled = false }).Regime);
    }

    [Fact]
    [Trait("Req", "REQ-U3")]
    public void Property_the_incremental_regime_reading_equals_a_batch_computation_over_hourly_closes()
    {
        var gen = Gen.Select(Gen.Int[1, 120], Gen.Int[-400, 400]).Array[200, 400];
        gen.Sample(steps =>
        {
            var candles = new List<Candle>();
            var t = Candles.Start;
            var price = 40_000m;
            foreach (var (gap, move) in steps)
            {
                t = t.AddMinutes(gap);
                price = Math.Max(1_000m, price + move);
                candles.Add(new Candle(t, price, price, price, price, 1m));
            }
            var reading = Feed(candles);

            // Batch: the close of each completed UTC hour (empty hours repeat the previous close).
            var byHour = candles.GroupBy(c => c.Start.UtcTicks / TimeSpan.TicksPerHour).ToDictionary(g => g.Key, g => g.Last().Close);
            var first = byHour.Keys.Min();
            var last = byHour.Keys.Max();
            var closes = new List<decimal>();
            for (var h = first; h < last; h++) closes.Add(byHour.TryGetValue(h, out var c) ? c : closes[^1]);

            Assert.Equal(Math.Min(closes.Count, 169), reading.HourlyCloses);
            if (closes.Count < 169) { Assert.False(reading.HasSevenDays); return; }
            var window = closes.Skip(closes.Count - 169).ToList();
            Assert.Equal((window[^1] / window[0] - 1m) * 100m, reading.TrendPct7d);
            var returns = window.Zip(window.Skip(1), (a, b) => (double)RegimeIndicator.HourlyReturnPct(a, b)).ToList();
            var mean = returns.Average();
            var sd = Math.Sqrt(returns.Sum(r => (r - mean) * (r - mean)) / (returns.Count - 1));
            Assert.Equal(sd * Math.Sqrt(24 * 365), reading.AnnualisedVolPct!.Value, 6);
        }, iter: 60);
    }

    private static Decision DecideUnder(string regime, PortfolioState? portfolio = null)
    {
        var config = Snap.Config(regimeOverride: regime, risk: r => r with { MinSecondsBetweenTrades = 0m });
        // +4 % in 15 m and +8 % in 60 m fire under every regime's thresholds (bull needs 3.5 / 7).
        var indicators = new Dictionary<string, IndicatorReading> { ["SOL-USD"] = Snap.Reading(100m, 4m, 8m) };
        return new DecisionEngine(config).Decide(Snap.Snapshot(indicators: indicators, portfolio: portfolio));
    }

    [Fact]
    [Trait("Req", "REQ-U3")]
    public void Switching_regime_scales_proposal_sizes_by_the_multiplier()
    {
        // Tier 1 base 3 % of 10,000 = 300 × {bull 1.2, chop 1.0, bear 0.6}.
        foreach (var (regime, expected) in new[] { ("bull", 360m), ("chop", 300m), ("bear", 180m) })
        {
            var decision = DecideUnder(regime);
            Assert.True(decision.Entries.Count == 1, decision.ToCanonicalText());
            var entry = decision.Entries[0];
            Assert.Equal(expected, entry.RequestedNotional);
            Assert.InRange(entry.Order.Notional, expected - 0.01m, expected);
            Assert.False(entry.Resized);
        }
    }

    [Fact]
    [Trait("Req", "REQ-U3")]
    public void Switching_regime_scales_the_caps_by_the_multiplier_and_crash_trades_nothing()
    {
        // SOL already worth 400: its 5 % cap leaves 200 in bull (6 % = 600), 100 in chop (500), none in bear (300).
        var held = new PortfolioState(9_600m, [new Position("SOL-USD", 4m, 100m, Snap.T0)], 10_000m, 10_000m, 10_000m, 10_000m);

        var bull = Assert.Single(DecideUnder("bull", held).Entries);
        Assert.True(bull.Resized);
        Assert.InRange(bull.Order.Notional, 199.9m, 200m);

        var chop = Assert.Single(DecideUnder("chop", held).Entries);
        Assert.InRange(chop.Order.Notional, 99.9m, 100m);

        var bear = DecideUnder("bear", held);
        Assert.Empty(bear.Entries);
        Assert.Equal(ReasonCodes.PositionSizeTooLarge, Assert.Single(bear.Rejections).ReasonCode);

        var crash = DecideUnder("crash");
        Assert.Equal((MarketRegime.Crash, 0m), (crash.Regime.Regime, crash.Regime.Multiplier));
        Assert.Empty(crash.Entries);
        Assert.Empty(crash.Rejections);
    }
}
