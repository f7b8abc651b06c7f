using System.Reactive.Subjects;
using Trader.Domain.Config;
using Trader.Pipeline.Guards;
using Trader.Pipeline.Market;
using Trader.Pipeline.Tests.Market;
using Trader.Testing;

namespace Trader.Pipeline.Tests.Guards;

/// <summary>
/// REQ-O1: a tick whose mid jumps more than outlier_sigma σ from the mean of the last outlier_window_seconds,
/// or whose spread exceeds the product's limit, is rejected with its reason, counted, and not used for pricing.
/// </summary>
public sealed class OutlierGuardTests
{
    private static readonly DateTimeOffset T0 = VirtualTime.Epoch;

    /// <summary>A deterministic wiggle of about ±0.05 % around <paramref name="centre"/>.</summary>
    private static decimal Wiggle(decimal centre, int i) => centre + centre * 0.0005m * ((i * 7 % 11) - 5) / 5m;

    private static OutlierGuard Guard(OutlierSettings? settings = null, RejectionCounters? counters = null) =>
        new(settings ?? OutlierSettings.Default, _ => 80m, counters);

    private static void Warm(OutlierGuard guard, string product, decimal centre, int ticks, DateTimeOffset start)
    {
        for (var i = 0; i < ticks; i++)
        {
            var at = start.AddSeconds(i);
            Assert.True(guard.Judge(MarketEvents.QuoteAroundMid(product, Wiggle(centre, i), 2m, at), at).Accepted);
        }
    }

    [Fact]
    [Trait("Req", "REQ-O1")]
    public void A_synthetic_spike_is_rejected_as_outlier_counted_and_the_next_normal_tick_is_accepted()
    {
        var counters = new RejectionCounters();
        var guard = Guard(counters: counters);
        Warm(guard, "BTC-USD", 30_000m, 30, T0);

        var at = T0.AddSeconds(30);
        var spike = guard.Judge(MarketEvents.QuoteAroundMid("BTC-USD", 31_500m, 2m, at), at);
        Assert.False(spike.Accepted);
        Assert.Equal(ReasonCodes.Outlier, spike.RejectReason);
        Assert.True(spike.ZScore > 6.0);

        var normal = guard.Judge(MarketEvents.QuoteAroundMid("BTC-USD", 30_001m, 2m, at.AddSeconds(1)), at.AddSeconds(1));
        Assert.True(normal.Accepted);
        Assert.Equal(1, counters.Outlier);
        Assert.Equal(new Dictionary<string, long> { ["outlier"] = 1 }, counters.Snapshot());
    }

    [Fact]
    [Trait("Req", "REQ-O1")]
    public void Sigma_is_configurable_the_same_spike_passes_a_looser_guard()
    {
        var loose = new OutlierSettings(Sigma: 1_000, Window: TimeSpan.FromSeconds(60));
        var guard = Guard(loose);
        Warm(guard, "BTC-USD", 30_000m, 30, T0);

        var at = T0.AddSeconds(30);
        Assert.True(guard.Judge(MarketEvents.QuoteAroundMid("BTC-USD", 31_500m, 2m, at), at).Accepted);
        Assert.Equal(6.0, OutlierSettings.From(new CircuitBreakersSection()).Sigma);
        Assert.Equal(TimeSpan.FromSeconds(15), OutlierSettings.From(new CircuitBreakersSection { OutlierWindowSeconds = 15m }).Window);
    }

    [Fact]
    [Trait("Req", "REQ-O1")]
    public void A_spike_does_not_enter_the_window_so_a_second_spike_is_rejected_too()
    {
        var guard = Guard();
        Warm(guard, "ETH-USD", 2_000m, 30, T0);
        var at = T0.AddSeconds(30);
        Assert.Equal(ReasonCodes.Outlier, guard.Judge(MarketEvents.QuoteAroundMid("ETH-USD", 2_200m, 2m, at), at).RejectReason);
        Assert.Equal(ReasonCodes.Outlier, guard.Judge(MarketEvents.QuoteAroundMid("ETH-USD", 2_200m, 2m, at.AddSeconds(1)), at.AddSeconds(1)).RejectReason);
    }

    [Fact]
    [Trait("Req", "REQ-O1")]
    public void The_window_covers_only_the_last_outlier_window_seconds()
    {
        var guard = Guard();
        Warm(guard, "BTC-USD", 30_000m, 30, T0);

        // 61 s later every sample has left the window: too few samples to judge, so the new level is accepted.
        var later = T0.AddSeconds(29 + 61);
        Assert.True(guard.Judge(MarketEvents.QuoteAroundMid("BTC-USD", 33_000m, 2m, later), later).Accepted);
    }

    [Fact]
    [Trait("Req", "REQ-O1")]
    public void Fewer_than_the_minimum_samples_are_not_judged()
    {
        var guard = Guard(OutlierSettings.Default with { MinSamples = 10 });
        Warm(guard, "BTC-USD", 30_000m, 9, T0);
        var at = T0.AddSeconds(9);
        var verdict = guard.Judge(MarketEvents.QuoteAroundMid("BTC-USD", 36_000m, 2m, at), at);
        Assert.True(verdict.Accepted);
        Assert.Equal(0.0, verdict.ZScore);
    }

    [Fact]
    [Trait("Req", "REQ-O1")]
    public void A_persistent_level_shift_is_accepted_after_the_confirmation_ticks()
    {
        var guard = Guard();
        Warm(guard, "BTC-USD", 30_000m, 30, T0);
        var reasons = new List<string?>();
        for (var i = 0; i < 6; i++)
        {
            var at = T0.AddSeconds(30 + i);
            reasons.Add(guard.Judge(MarketEvents.QuoteAroundMid("BTC-USD", 31_000m, 2m, at), at).RejectReason);
        }
        Assert.Equal(["outlier", "outlier", "outlier", "outlier", null, null], reasons);
    }

    [Fact]
    [Trait("Req", "REQ-O1")]
    public void A_flat_window_uses_the_sigma_floor_instead_of_zero()
    {
        var guard = Guard();
        for (var i = 0; i < 20; i++)
            guard.Judge(MarketEvents.Quote("BTC-USD", 99.99m, 100.01m, T0.AddSeconds(i)), T0.AddSeconds(i));

        var at = T0.AddSeconds(20);
        // σ floor 10 bps of 100 = 0.10 → 6σ = 0.60.
        Assert.True(guard.Judge(MarketEvents.Quote("BTC-USD", 100.49m, 100.51m, at), at).Accepted);
        Assert.Equal(ReasonCodes.Outlier, guard.Judge(MarketEvents.Quote("BTC-USD", 100.69m, 100.71m, at), at).RejectReason);
    }

    [Fact]
    [Trait("Req", "REQ-O1")]
    public void A_spread_over_the_product_limit_is_rejected_as_wide_spread()
    {
        var limits = SpreadLimits.FromConfig(new UniverseConfig(), new LiquiditySection());
        Assert.Equal(20m, limits("BTC-USD"));  // tier 1
        Assert.Equal(35m, limits("LTC-USD"));  // tier 2
        Assert.Equal(80m, limits("SKL-USD"));  // no tier: liquidity.max_spread_bps
        Assert.Equal(10m, SpreadLimits.FromConfig(new UniverseConfig(), new LiquiditySection { MaxSpreadBps = 10m })("LTC-USD"));

        var counters = new RejectionCounters();
        var guard = new OutlierGuard(OutlierSettings.Default, limits, counters);
        Assert.Equal(ReasonCodes.WideSpread, guard.Judge(MarketEvents.QuoteAroundMid("BTC-USD", 30_000m, 25m, T0), T0).RejectReason);
        Assert.True(guard.Judge(MarketEvents.QuoteAroundMid("BTC-USD", 30_000m, 19m, T0), T0).Accepted);
        Assert.True(guard.Judge(MarketEvents.QuoteAroundMid("LTC-USD", 100m, 30m, T0), T0).Accepted);
        Assert.Equal(ReasonCodes.WideSpread, guard.Judge(MarketEvents.QuoteAroundMid("SKL-USD", 1m, 90m, T0), T0).RejectReason);
        Assert.Equal(ReasonCodes.WideSpread, guard.Judge(MarketEvents.Quote("SKL-USD", 1.01m, 1.00m, T0), T0).RejectReason); // crossed
        Assert.Equal(3, counters.WideSpread);
        Assert.Equal(0, counters.Outlier);
    }

    [Fact]
    [Trait("Req", "REQ-O1")]
    public void Rejected_ticks_are_not_used_for_pricing()
    {
        var clock = VirtualTime.Create();
        var state = new MarketState(StalenessSettings.Default);
        using var feed = new MarketFeedProcessor(state, clock, StalenessSettings.Default, OutlierSettings.Default, _ => 20m);
        for (var i = 0; i < 30; i++)
        {
            clock.AdvanceTo(T0.AddSeconds(i));
            var mid = Wiggle(30_000m, i);
            feed.OnEvent(MarketEvents.Ticker("BTC-USD", mid - 1m, mid + 1m, clock.Now));
        }
        var before = state.Snapshot("BTC-USD", clock.Now)!.Quote;

        clock.AdvanceBy(TimeSpan.FromSeconds(1));
        feed.OnEvent(MarketEvents.Ticker("BTC-USD", 40_000m, 40_002m, clock.Now));    // spike
        feed.OnEvent(MarketEvents.Ticker("BTC-USD", 29_900m, 30_100m, clock.Now));    // 67 bps > 20
        Assert.Equal(before, state.Snapshot("BTC-USD", clock.Now)!.Quote);
        Assert.Equal(new Dictionary<string, long> { ["outlier"] = 1, ["wide_spread"] = 1 }, feed.Rejections.Snapshot());
    }

    [Fact]
    [Trait("Req", "REQ-O1")]
    public void The_rx_operator_measures_the_window_on_the_scheduler_clock()
    {
        var clock = VirtualTime.Create();
        var quotes = new Subject<ProductQuote>();
        var verdicts = new List<QuoteVerdict>();
        using var _ = quotes.GuardOutliers(OutlierSettings.Default, _ => 80m, clock).Subscribe(verdicts.Add);

        for (var i = 0; i < 30; i++)
        {
            clock.AdvanceTo(T0.AddSeconds(i));
            quotes.OnNext(MarketEvents.QuoteAroundMid("BTC-USD", Wiggle(30_000m, i), 2m, clock.Now));
        }
        quotes.OnNext(MarketEvents.QuoteAroundMid("BTC-USD", 32_000m, 2m, clock.Now));
        clock.AdvanceBy(TimeSpan.FromSeconds(120)); // the window empties on the clock
        quotes.OnNext(MarketEvents.QuoteAroundMid("BTC-USD", 32_000m, 2m, clock.Now));

        Assert.Equal(32, verdicts.Count);
        Assert.Equal(ReasonCodes.Outlier, verdicts[30].RejectReason);
        Assert.True(verdicts[31].Accepted);
    }

    [Fact]
    public void Judging_a_tick_allocates_nothing_in_steady_state()
    {
        var guard = Guard();
        var ticks = new ProductQuote[64];
        for (var i = 0; i < ticks.Length; i++)
            ticks[i] = MarketEvents.QuoteAroundMid("BTC-USD", Wiggle(30_000m, i), 2m, T0);
        for (var i = 0; i < 2_000; i++)
            guard.Judge(ticks[i % ticks.Length], T0.AddMilliseconds(i * 100));

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 2_000; i < 12_000; i++)
            guard.Judge(ticks[i % ticks.Length], T0.AddMilliseconds(i * 100));
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    [Trait("Req", "REQ-O1")]
    public void The_spread_verdict_is_exactly_quote_SpreadBps_over_the_limit_also_at_the_limit_itself()
    {
        // Spreads at, just under and just over the limit, on prices of many magnitudes and decimal scales: the guard's
        // fast path must agree with the decimal definition (Quote.SpreadBps > limit) on every one.
        var random = new Random(3);
        for (var i = 0; i < 5_000; i++)
        {
            var limit = Math.Round(1m + (decimal)random.NextDouble() * 100m, random.Next(0, 4));
            var bid = Math.Round((decimal)Math.Pow(10, random.Next(-4, 6)) * (1m + (decimal)random.NextDouble()), random.Next(2, 9));
            if (bid <= 0m) continue;
            // ask such that (ask − bid) / mid × 10⁴ = limit exactly: ask = bid × (2·10⁴ + limit) / (2·10⁴ − limit), nudged.
            var atLimit = bid * (20_000m + limit) / (20_000m - limit);
            var nudge = (i % 3 - 1) * (decimal)Math.Pow(10, -random.Next(6, 12)) * bid;
            var ask = atLimit + nudge;
            var quote = new Trader.Domain.Market.Quote(bid, ask, bid, T0, T0);
            var guard = new OutlierGuard(OutlierSettings.Default, _ => limit);
            var verdict = guard.Judge(new ProductQuote("X-USD", quote), T0);
            var expectWide = quote.SpreadBps > limit;
            Assert.True(expectWide == (verdict.RejectReason == ReasonCodes.WideSpread),
                $"bid {bid} ask {ask} limit {limit}: spread {quote.SpreadBps} bps, verdict {verdict.RejectReason ?? "accepted"}");
        }
    }
}

