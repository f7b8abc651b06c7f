using Trader.Pipeline.Clock;
using System.Reactive.Subjects;
using Trader.Domain.Config;
using Trader.Pipeline.Alerts;
using Trader.Pipeline.Guards;
using Trader.Pipeline.Market;
using Trader.Pipeline.Tests.Market;
using Trader.Testing;

namespace Trader.Pipeline.Tests.Guards;

/// <summary>
/// REQ-ST1 in virtual time: quote age &gt; 5 s or 1m-OHLCV age &gt; 90 s raises one <c>staleness</c> alert per
/// episode within 5 s of the breach instant (here: exactly one clock tick after it, timer-driven, with no
/// further ticks), and fresh data resolves it.
/// </summary>
public sealed class StalenessGuardTests
{
    private static readonly TimeSpan Sla = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan OneTick = TimeSpan.FromTicks(1);
    private static readonly DateTimeOffset T0 = VirtualTime.Epoch;

    /// <summary>The alert came within the 5 s SLA of the breach instant, at the exact instant the timer design promises.</summary>
    private static void AssertDetectedOnTime(GuardAlert alert, DateTimeOffset breachInstant)
    {
        Assert.True(alert.Ts - breachInstant <= Sla, $"alert at {alert.Ts:O} is more than 5 s after the breach at {breachInstant:O}");
        Assert.True(alert.Ts > breachInstant, "an alert before the breach instant is a false positive");
        Assert.Equal(breachInstant + OneTick, alert.Ts);
    }

    private static (VirtualClockHarness harness, List<GuardAlert> alerts) Start(StalenessSettings? settings = null)
    {
        var clock = VirtualTime.Create();
        var marks = new Subject<FreshnessMark>();
        var alerts = new List<GuardAlert>();
        var subscription = marks.StalenessAlerts(settings ?? StalenessSettings.Default, clock).Subscribe(alerts.Add);
        return (new VirtualClockHarness(clock, marks, subscription), alerts);
    }

    [Fact]
    [Trait("Req", "REQ-ST1")]
    public void A_product_that_falls_silent_raises_stale_quote_exactly_at_its_breach_instant()
    {
        var (h, alerts) = Start();
        h.Clock.AdvanceTo(T0.AddSeconds(1));
        h.Mark(FreshnessMark.Quote("BTC-USD", h.Clock.Now));
        h.Mark(FreshnessMark.Ohlcv("BTC-USD", h.Clock.Now));
        var breach = T0.AddSeconds(1) + TimeSpan.FromSeconds(5);

        h.Clock.AdvanceTo(breach);
        Assert.Empty(alerts); // age == max is not stale yet ("age > max")

        h.Clock.AdvanceTo(breach + TimeSpan.FromSeconds(30));
        var alert = Assert.Single(alerts);
        Assert.Equal(AlertKinds.Staleness, alert.Kind);
        Assert.Equal(ReasonCodes.StaleQuote, alert.Reason);
        Assert.Equal("BTC-USD", alert.ProductId);
        Assert.Equal(AlertSeverity.Warning, alert.Severity);
        Assert.False(alert.Resolved);
        AssertDetectedOnTime(alert, breach);
    }

    [Fact]
    [Trait("Req", "REQ-ST1")]
    public void A_detection_one_millisecond_late_would_fail_the_timing_assertion()
    {
        var (h, alerts) = Start();
        h.Mark(FreshnessMark.Quote("ETH-USD", T0));
        h.Clock.AdvanceBy(TimeSpan.FromSeconds(20));
        var alert = Assert.Single(alerts, a => a.Reason == ReasonCodes.StaleQuote);
        var breach = T0.AddSeconds(5);

        AssertDetectedOnTime(alert, breach);
        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => AssertDetectedOnTime(alert with { Ts = alert.Ts.AddMilliseconds(1) }, breach));
        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => AssertDetectedOnTime(alert with { Ts = breach + Sla + OneTick }, breach));
    }

    [Fact]
    [Trait("Req", "REQ-ST1")]
    public void Fresh_quotes_every_second_never_alert_and_a_long_gap_alerts_once_per_episode()
    {
        var (h, alerts) = Start();
        for (var s = 0; s <= 120; s++)
        {
            h.Clock.AdvanceTo(T0.AddSeconds(s));
            h.Mark(FreshnessMark.Quote("BTC-USD", h.Clock.Now));
        }
        Assert.DoesNotContain(alerts, a => a.Reason == ReasonCodes.StaleQuote);

        h.Clock.AdvanceTo(T0.AddSeconds(600));
        var stale = Assert.Single(alerts, a => a.Reason == ReasonCodes.StaleQuote);
        AssertDetectedOnTime(stale, T0.AddSeconds(120 + 5));
    }

    [Fact]
    [Trait("Req", "REQ-ST1")]
    public void Fresh_data_resolves_the_episode_and_the_next_silence_opens_a_new_one()
    {
        var (h, alerts) = Start();
        h.Mark(FreshnessMark.Quote("BTC-USD", T0));
        h.Clock.AdvanceTo(T0.AddSeconds(10));
        h.Mark(FreshnessMark.Quote("BTC-USD", h.Clock.Now));
        h.Clock.AdvanceTo(T0.AddSeconds(30));

        var quoteAlerts = alerts.Where(a => a.Reason == ReasonCodes.StaleQuote).ToList();
        Assert.Equal(3, quoteAlerts.Count);
        AssertDetectedOnTime(quoteAlerts[0], T0.AddSeconds(5));
        Assert.True(quoteAlerts[1].Resolved);
        Assert.Equal(AlertSeverity.Info, quoteAlerts[1].Severity);
        Assert.Equal(T0.AddSeconds(10), quoteAlerts[1].Ts);
        Assert.False(quoteAlerts[2].Resolved);
        AssertDetectedOnTime(quoteAlerts[2], T0.AddSeconds(15));
    }

    [Fact]
    [Trait("Req", "REQ-ST1")]
    public void Stale_ohlcv_is_measured_from_the_close_of_the_last_candle_with_trades()
    {
        var (h, alerts) = Start();
        var close = T0.AddMinutes(1);
        h.Clock.AdvanceTo(close);
        h.Mark(FreshnessMark.Ohlcv("ETH-USD", close));
        for (var s = 1; s <= 200; s++)
        {
            h.Clock.AdvanceTo(close.AddSeconds(s));
            h.Mark(FreshnessMark.Quote("ETH-USD", h.Clock.Now)); // quotes alone do not keep OHLCV fresh
        }

        var alert = Assert.Single(alerts);
        Assert.Equal(ReasonCodes.StaleOhlcv, alert.Reason);
        AssertDetectedOnTime(alert, close + TimeSpan.FromSeconds(90));
    }

    [Fact]
    [Trait("Req", "REQ-ST1")]
    public void Limits_come_from_circuit_breakers_config()
    {
        var settings = StalenessSettings.From(new CircuitBreakersSection { MaxQuoteAgeSeconds = 2m, MaxOhlcvAgeSeconds = 30m });
        var (h, alerts) = Start(settings);
        h.Mark(FreshnessMark.Quote("BTC-USD", T0));
        h.Mark(FreshnessMark.Ohlcv("BTC-USD", T0));
        h.Clock.AdvanceBy(TimeSpan.FromSeconds(60));

        AssertDetectedOnTime(Assert.Single(alerts, a => a.Reason == ReasonCodes.StaleQuote), T0.AddSeconds(2));
        AssertDetectedOnTime(Assert.Single(alerts, a => a.Reason == ReasonCodes.StaleOhlcv), T0.AddSeconds(30));
    }

    [Fact]
    [Trait("Req", "REQ-ST1")]
    public void A_tracked_product_that_never_quotes_is_reported_from_when_tracking_began()
    {
        var clock = VirtualTime.Create();
        var alerts = new List<GuardAlert>();
        using var tracker = new StalenessTracker(StalenessSettings.Default, clock, alerts.Add);
        tracker.Track("SOL-USD");

        Assert.True(tracker.IsStale("SOL-USD", FreshnessKind.Quote, clock.Now));
        clock.AdvanceBy(TimeSpan.FromSeconds(10));

        var alert = Assert.Single(alerts, a => a.Reason == ReasonCodes.StaleQuote);
        AssertDetectedOnTime(alert, T0.AddSeconds(5));
        Assert.Contains("no quote since tracking began", alert.Message);
    }

    [Fact]
    [Trait("Req", "REQ-ST1")]
    public void Through_the_feed_processor_a_silent_product_blocks_and_alerts_while_a_live_one_does_not()
    {
        var clock = VirtualTime.Create();
        var state = new MarketState(StalenessSettings.Default);
        using var feed = new MarketFeedProcessor(state, clock, StalenessSettings.Default, OutlierSettings.Default, _ => 80m);
        var alerts = new List<GuardAlert>();
        using var _ = feed.Alerts.Subscribe(alerts.Add);

        var lastEth = T0;
        for (var s = 0; s <= 20; s++)
        {
            clock.AdvanceTo(T0.AddSeconds(s));
            feed.OnEvent(MarketEvents.Ticker("BTC-USD", 100m, 100.01m, clock.Now));
            if (s <= 3)
            {
                feed.OnEvent(MarketEvents.Ticker("ETH-USD", 50m, 50.01m, clock.Now));
                lastEth = clock.Now;
            }
        }

        var breach = lastEth + TimeSpan.FromSeconds(5);
        var alert = Assert.Single(alerts, a => a.Reason == ReasonCodes.StaleQuote);
        Assert.Equal("ETH-USD", alert.ProductId);
        AssertDetectedOnTime(alert, breach);
        Assert.False(state.Snapshot("ETH-USD", breach)!.QuoteStale);
        Assert.True(state.Snapshot("ETH-USD", breach + OneTick)!.QuoteStale);
        Assert.False(state.Snapshot("BTC-USD", clock.Now)!.QuoteStale);
    }

    private sealed record VirtualClockHarness(VirtualClock Clock, Subject<FreshnessMark> Marks, IDisposable Subscription)
    {
        public void Mark(FreshnessMark mark) => Marks.OnNext(mark);
    }
}
