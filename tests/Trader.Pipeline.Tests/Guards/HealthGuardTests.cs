using Trader.Pipeline.Clock;
using System.Reactive.Subjects;
using Trader.Domain.Market;
using Trader.Pipeline.Alerts;
using Trader.Pipeline.Guards;
using Trader.Pipeline.Market;
using Trader.Pipeline.Tests.Market;
using Trader.Testing;

namespace Trader.Pipeline.Tests.Guards;

/// <summary>REQ-EX1, data side: venue status and feed disconnects mark products unhealthy with a reason, alert, and recover.</summary>
public sealed class HealthGuardTests
{
    private static readonly DateTimeOffset T0 = VirtualTime.Epoch;

    private static (VirtualClock clock, MarketState state, MarketFeedProcessor feed, List<GuardAlert> alerts) Start()
    {
        var clock = VirtualTime.Create();
        var state = new MarketState(StalenessSettings.Default);
        var feed = new MarketFeedProcessor(state, clock, StalenessSettings.Default, OutlierSettings.Default, _ => 80m);
        var alerts = new List<GuardAlert>();
        feed.Alerts.Subscribe(alerts.Add);
        return (clock, state, feed, alerts);
    }

    [Fact]
    [Trait("Req", "REQ-EX1")]
    public void A_product_leaving_online_is_blocked_with_its_status_alerted_and_recovers()
    {
        var (clock, state, feed, alerts) = Start();
        using var _ = feed;
        feed.OnEvent(MarketEvents.Status("BTC-USD", ProductStatus.Online, clock.Now));
        Assert.True(state.Snapshot("BTC-USD", clock.Now)!.Health.AllowsEntries);
        Assert.DoesNotContain(alerts, a => a.Kind == AlertKinds.ProductHealth);

        clock.AdvanceBy(TimeSpan.FromSeconds(3));
        feed.OnEvent(MarketEvents.Status("BTC-USD", ProductStatus.TradingDisabled, clock.Now, "maintenance"));
        var health = state.Snapshot("BTC-USD", clock.Now)!.Health;
        Assert.False(health.AllowsEntries);
        Assert.Equal(new ProductHealth(ProductStatus.TradingDisabled, "product_unhealthy"), health);
        var alert = Assert.Single(alerts, a => a.Kind == AlertKinds.ProductHealth);
        Assert.Equal(("BTC-USD", "product_unhealthy", AlertSeverity.Warning, false, T0.AddSeconds(3)),
            (alert.ProductId, alert.Reason, alert.Severity, alert.Resolved, alert.Ts));
        Assert.Contains("trading_disabled", alert.Message);
        Assert.Contains("maintenance", alert.Message);

        clock.AdvanceBy(TimeSpan.FromSeconds(60));
        feed.OnEvent(MarketEvents.Status("BTC-USD", ProductStatus.Online, clock.Now));
        Assert.True(state.Snapshot("BTC-USD", clock.Now)!.Health.AllowsEntries);
        var recovery = alerts.Where(a => a.Kind == AlertKinds.ProductHealth).Last();
        Assert.True(recovery.Resolved);
        Assert.Equal(T0.AddSeconds(63), recovery.Ts);
    }

    [Theory]
    [Trait("Req", "REQ-EX1")]
    [InlineData(ProductStatus.Offline, "offline")]
    [InlineData(ProductStatus.Delisted, "delisted")]
    [InlineData(ProductStatus.TradingDisabled, "trading_disabled")]
    [InlineData(ProductStatus.CancelOnly, "cancel_only")]
    [InlineData(ProductStatus.LimitOnly, "limit_only")]
    [InlineData(ProductStatus.PostOnly, "post_only")]
    public void Every_status_other_than_online_marks_the_product_unhealthy(ProductStatus status, string wireName)
    {
        var (clock, state, feed, alerts) = Start();
        using var _ = feed;
        feed.OnEvent(MarketEvents.Status("ETH-USD", ProductStatus.Online, clock.Now));
        feed.OnEvent(MarketEvents.Status("BTC-USD", ProductStatus.Online, clock.Now));
        feed.OnEvent(MarketEvents.Status("ETH-USD", status, clock.Now));

        Assert.Equal(new ProductHealth(status, ReasonCodes.ProductUnhealthy), state.Snapshot("ETH-USD", clock.Now)!.Health);
        Assert.True(state.Snapshot("BTC-USD", clock.Now)!.Health.AllowsEntries);
        Assert.Contains(wireName, Assert.Single(alerts, a => a.Kind == AlertKinds.ProductHealth).Message);
    }

    [Fact]
    [Trait("Req", "REQ-EX1")]
    public void A_product_never_reported_online_is_unhealthy()
    {
        var (clock, state, feed, _) = Start();
        using var __ = feed;
        feed.OnEvent(MarketEvents.Ticker("DOGE-USD", 0.1m, 0.1001m, clock.Now));
        Assert.Equal(new ProductHealth(ProductStatus.Unknown, ReasonCodes.ProductUnhealthy), state.Snapshot("DOGE-USD", clock.Now)!.Health);
    }

    [Fact]
    [Trait("Req", "REQ-EX1")]
    public void Feed_down_blocks_every_product_with_one_critical_alert_and_reconnect_resolves_it()
    {
        var (clock, state, feed, alerts) = Start();
        using var _ = feed;
        feed.OnEvent(MarketEvents.Status("BTC-USD", ProductStatus.Online, clock.Now));
        feed.OnEvent(MarketEvents.Status("ETH-USD", ProductStatus.Online, clock.Now));

        clock.AdvanceBy(TimeSpan.FromSeconds(2));
        feed.OnFeed(false);
        feed.OnFeed(false); // repeated signal: same episode
        foreach (var view in state.Snapshot(clock.Now))
            Assert.Equal(new ProductHealth(ProductStatus.Unknown, ReasonCodes.FeedDown), view.Health);
        var down = Assert.Single(alerts, a => a.Kind == AlertKinds.FeedDown);
        Assert.Equal((null, AlertSeverity.Critical, false, T0.AddSeconds(2)), (down.ProductId, down.Severity, down.Resolved, down.Ts));

        clock.AdvanceBy(TimeSpan.FromSeconds(30));
        feed.OnFeed(true);
        Assert.All(state.Snapshot(clock.Now), view => Assert.True(view.Health.AllowsEntries));
        var up = alerts.Last(a => a.Kind == AlertKinds.FeedDown);
        Assert.True(up.Resolved);
        Assert.Equal(T0.AddSeconds(32), up.Ts);
    }

    [Fact]
    [Trait("Req", "REQ-EX1")]
    public void The_rx_operator_takes_statuses_and_the_feed_signal()
    {
        var clock = VirtualTime.Create();
        var statuses = new Subject<StatusEvent>();
        var feedUp = new Subject<bool>();
        var alerts = new List<GuardAlert>();
        using var _ = statuses.HealthAlerts(feedUp, clock).Subscribe(alerts.Add);

        statuses.OnNext(MarketEvents.Status("BTC-USD", ProductStatus.Online, clock.Now));
        clock.AdvanceBy(TimeSpan.FromSeconds(1));
        statuses.OnNext(MarketEvents.Status("BTC-USD", ProductStatus.CancelOnly, clock.Now));
        clock.AdvanceBy(TimeSpan.FromSeconds(1));
        feedUp.OnNext(false);
        clock.AdvanceBy(TimeSpan.FromSeconds(1));
        feedUp.OnNext(true);
        statuses.OnNext(MarketEvents.Status("BTC-USD", ProductStatus.Online, clock.Now));

        Assert.Equal(
            [("product_health", false, 1), ("feed_down", false, 2), ("feed_down", true, 3), ("product_health", true, 3)],
            alerts.Select(a => (a.Kind, a.Resolved, (int)(a.Ts - T0).TotalSeconds)));
    }
}
