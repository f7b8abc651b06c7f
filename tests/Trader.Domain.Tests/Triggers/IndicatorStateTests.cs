using CsCheck;
using Trader.Domain.Market;
using Trader.Domain.Tests.Support;
using Trader.Domain.Triggers;

namespace Trader.Domain.Tests.Triggers;

public sealed class IndicatorStateTests
{
    private static readonly IndicatorSettings Short = new(BreakoutLookbackMinutes: 90, MomentumLookbackMinutes: 900);

    /// <summary>Random candle histories: mostly consecutive minutes, some gaps (a few long), some repeats.</summary>
    private static readonly Gen<List<Candle>> Histories =
        from steps in Gen.Select(Gen.Int[0, 99], Gen.Int[-300, 300], Gen.Int[0, 2_000_000], Gen.Int[0, 150]).Array[1_300, 1_900]
        select Build(steps);

    private static List<Candle> Build((int Kind, int Move, int Volume, int Wick)[] steps)
    {
        var list = new List<Candle>(steps.Length);
        var t = Candles.Start;
        var price = 1_000m;
        foreach (var (kind, move, volume, wick) in steps)
        {
            var gap = kind switch { < 85 => 1, < 97 => 2 + kind % 7, < 99 => 30 + kind, _ => 2_000 };
            var repeat = kind == 50 && list.Count > 0;
            if (!repeat) t = t.AddMinutes(gap);
            var open = price;
            price = Math.Max(1m, price + move / 100m);
            var at = repeat ? list[^1].Start : t;
            list.Add(new Candle(at, open, Math.Max(open, price) + wick / 100m, Math.Min(open, price) - wick / 1000m, price, volume / 10_000m));
        }
        return list;
    }

    [Fact]
    [Trait("Req", "REQ-S1")]
    public void Property_incremental_indicators_equal_a_batch_recomputation_from_the_whole_history()
    {
        Histories.Sample(history =>
        {
            var state = new IndicatorState(Short);
            for (var i = 0; i < history.Count; i++)
            {
                state.Update(history[i]);
                if (i % 211 == 0 || i == history.Count - 1)
                    Assert.Equal(BatchIndicators.Compute(history.Take(i + 1), Short), state.Reading);
            }
        }, iter: 10);
    }

    [Fact]
    [Trait("Req", "REQ-S1")]
    public void With_the_default_24h_lookbacks_the_incremental_values_match_the_batch_after_two_days()
    {
        var settings = IndicatorSettings.From(new Trader.Domain.Config.TraderConfig());
        Assert.Equal(new IndicatorSettings(1440, 1440), settings);
        var history = Candles.Series(2 * 1440 + 37, i => 100m + (i % 97) / 10m - (i % 13) / 7m, i => 1m + i % 11);
        var state = new IndicatorState(settings);
        foreach (var candle in history) state.Update(candle);

        var reading = state.Reading;
        Assert.Equal(BatchIndicators.Compute(history, settings), reading);
        Assert.NotNull(reading.MomentumSameSignShare);
        Assert.NotNull(reading.VolumeRatio);
        Assert.Equal(1441, reading.Minutes);
    }

    [Fact]
    public void Values_appear_only_once_their_window_is_covered_and_old_or_repeated_candles_are_ignored()
    {
        var state = new IndicatorState(IndicatorSettings.From(new Trader.Domain.Config.TraderConfig()));
        var history = Candles.Series(61, i => 100m + i);
        foreach (var candle in history.Take(15)) state.Update(candle);
        Assert.Null(state.Reading.Change15mPct);

        state.Update(history[15]);
        Assert.Equal(15m, state.Reading.Change15mPct); // 115 / 100 − 1
        Assert.Null(state.Reading.Change60mPct);
        Assert.False(state.Update(history[3]));

        foreach (var candle in history.Skip(16)) state.Update(candle);
        Assert.Equal(60m, state.Reading.Change60mPct);
        Assert.Null(state.Reading.VolumeRatio);
        Assert.Equal(history[^1].End, state.Reading.LastCandleEnd);
    }
}
