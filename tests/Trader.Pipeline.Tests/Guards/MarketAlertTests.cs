using Trader.Domain.Market;
using Trader.Pipeline.Alerting;
using Trader.Pipeline.Alerts;
using Trader.Pipeline.Clock;
using Trader.Pipeline.Guards;
using Trader.Pipeline.Market;
using Trader.Pipeline.Tests.Alerting;
using Trader.Pipeline.Tests.Market;
using Trader.Testing;

namespace Trader.Pipeline.Tests.Guards;

/// <summary>REQ-AL1 on the market-data side: outlier episodes and exchange-wide health become alerts within 5 s, once per episode.</summary>
public sealed class MarketAlertTests : IDisposable
{
    private static readonly TimeSpan Sla = TimeSpan.FromSeconds(5);
    private readonly VirtualClock _clock = VirtualTime.Create();
    private readonly MarketFeedProcessor _feed;
    private readonly AlertManager _manager;
    private readonly List<GuardAlert> _raised = [];

    public MarketAlertTests()
    {
        _feed = new MarketFeedProcessor(new MarketState(StalenessSettings.Default), _clock, StalenessSettings.Default, OutlierSettings.Default, _ => 80m);
        _manager = new AlertManager(_clock, _clock.TimeProvider, AlertPolicy.Default, [], new InMemoryAlertJournal());
        _feed.Alerts.Subscribe(_raised.Add);
        _feed.Alerts.Subscribe(_manager.Raise);
    }

    private void Tick(string product, decimal mid, decimal spreadBps = 2m)
    {
        var half = mid * spreadBps / 20_000m;
        _feed.OnEvent(MarketEvents.Ticker(product, mid - half, mid + half, _clock.Now));
    }

    private IReadOnlyList<AlertNotification> Published(string kind) =>
        _manager.PublishedSoFar.Where(n => n.Kind == kind).ToList();

    [Fact]
    [Trait("Req", "REQ-AL1")]
    [Trait("Req", "REQ-O1")]
    public void An_outlier_spike_is_one_alert_at_its_first_tick_not_one_per_tick_and_resolves_when_quotes_are_accepted_again()
    {
        for (var i = 0; i < 20; i++)
        {
            Tick("BTC-USD", 50_000m + (i % 2) * 5m);
            _clock.AdvanceBy(TimeSpan.FromSeconds(1));
        }
        var breach = _clock.Now;
        for (var i = 0; i < 3; i++)   // three spike ticks, one a second (fewer than the level-shift confirmation)
        {
            Tick("BTC-USD", 55_000m);
            _clock.AdvanceBy(TimeSpan.FromSeconds(1));
        }
        Assert.Equal(3, _feed.Rejections.Snapshot()[ReasonCodes.Outlier]);
        var alert = Assert.Single(Published(AlertKinds.Outlier));
        Assert.Equal(("BTC-USD", AlertSeverity.Warning, false), (alert.ProductId, alert.Severity, alert.Resolved));
        Assert.InRange(alert.Ts - breach, TimeSpan.Zero, Sla);
        Assert.Contains("σ", alert.Message, StringComparison.Ordinal);
        Assert.Single(_raised, a => a.Kind == AlertKinds.Outlier);   // one raise per episode, not per tick

        // Normal ticks again: accepted at once, but the episode closes only 5 s after the last spike (no flapping).
        Tick("BTC-USD", 50_000m);
        Assert.DoesNotContain(_raised, a => a.Resolved);
        for (var i = 0; i < 5; i++)
        {
            _clock.AdvanceBy(TimeSpan.FromSeconds(1));
            Tick("BTC-USD", 50_000m);
        }
        var resolved = Assert.Single(Published(AlertKinds.Outlier), n => n.Resolved);
        Assert.Equal(breach + TimeSpan.FromSeconds(2) + TimeSpan.FromSeconds(5), resolved.Ts);
        Assert.DoesNotContain(_manager.OpenEpisodes, k => k.StartsWith(AlertKinds.Outlier, StringComparison.Ordinal));

        // A second spike 20 s later is a new episode with its own alert.
        _clock.AdvanceBy(TimeSpan.FromSeconds(20));
        Tick("BTC-USD", 45_000m);
        Assert.Equal(2, Published(AlertKinds.Outlier).Count(n => !n.Resolved));
    }

    [Fact]
    [Trait("Req", "REQ-AL1")]
    [Trait("Req", "REQ-O1")]
    public void Wide_spread_ticks_are_their_own_outlier_episode_and_a_repeat_raise_within_60_s_is_suppressed()
    {
        Tick("ETH-USD", 3_000m);
        _clock.AdvanceBy(TimeSpan.FromSeconds(1));
        var breach = _clock.Now;
        Tick("ETH-USD", 3_000m, spreadBps: 120m);
        _clock.AdvanceBy(TimeSpan.FromSeconds(2));
        Tick("ETH-USD", 3_000m, spreadBps: 120m);

        var alert = Assert.Single(Published(AlertKinds.Outlier));
        Assert.Equal($"{AlertKinds.Outlier}|ETH-USD|{ReasonCodes.WideSpread}", alert.DedupeKey);
        Assert.InRange(alert.Ts - breach, TimeSpan.Zero, Sla);

        // The same breach raised again by another source within 60 s is deduped by the manager.
        _clock.AdvanceBy(TimeSpan.FromSeconds(30));
        _manager.Raise(new GuardAlert(AlertKinds.Outlier, AlertSeverity.Warning, "ETH-USD", ReasonCodes.WideSpread, "again", _clock.Now, false));
        Assert.Single(Published(AlertKinds.Outlier));
        Assert.True(_manager.Suppressed >= 1);
    }

    [Fact]
    [Trait("Req", "REQ-AL1")]
    [Trait("Req", "REQ-EX1")]
    public void Every_product_leaving_online_is_an_exchange_health_alert_within_5_s_resolved_when_one_returns()
    {
        _feed.OnEvent(MarketEvents.Status("BTC-USD", ProductStatus.Online, _clock.Now));
        _feed.OnEvent(MarketEvents.Status("ETH-USD", ProductStatus.Online, _clock.Now));
        _clock.AdvanceBy(TimeSpan.FromSeconds(10));
        _feed.OnEvent(MarketEvents.Status("BTC-USD", ProductStatus.Offline, _clock.Now, "maintenance"));
        Assert.Empty(Published(AlertKinds.ExchangeHealth));   // one product down is product_health only
        Assert.True(_feed.ExchangeHealth.AllowsEntries);

        _clock.AdvanceBy(TimeSpan.FromSeconds(1));
        var breach = _clock.Now;
        _feed.OnEvent(MarketEvents.Status("ETH-USD", ProductStatus.Offline, _clock.Now, "maintenance"));
        var alert = Assert.Single(Published(AlertKinds.ExchangeHealth));
        Assert.Equal((null as string, AlertSeverity.Critical, false), (alert.ProductId, alert.Severity, alert.Resolved));
        Assert.Equal($"{AlertKinds.ExchangeHealth}|*|exchange_unhealthy", alert.DedupeKey);
        Assert.InRange(alert.Ts - breach, TimeSpan.Zero, Sla);
        Assert.False(_feed.ExchangeHealth.AllowsEntries);
        Assert.Equal(ProductStatus.Offline, _feed.ExchangeHealth.Status);

        // Another status change while down is the same episode: no second alert.
        _clock.AdvanceBy(TimeSpan.FromSeconds(5));
        _feed.OnEvent(MarketEvents.Status("BTC-USD", ProductStatus.TradingDisabled, _clock.Now));
        Assert.Single(Published(AlertKinds.ExchangeHealth));

        _clock.AdvanceBy(TimeSpan.FromSeconds(60));
        _feed.OnEvent(MarketEvents.Status("ETH-USD", ProductStatus.Online, _clock.Now));
        var resolved = Assert.Single(Published(AlertKinds.ExchangeHealth), n => n.Resolved);
        Assert.Equal(_clock.Now, resolved.Ts);
        Assert.True(_feed.ExchangeHealth.AllowsEntries);
        Assert.DoesNotContain(_manager.OpenEpisodes, k => k.StartsWith(AlertKinds.ExchangeHealth, StringComparison.Ordinal));
    }

    [Fact]
    [Trait("Req", "REQ-EX1")]
    public void A_startup_snapshot_with_products_offline_and_a_one_product_universe_are_not_exchange_outages()
    {
        _feed.OnEvent(MarketEvents.Status("BTC-USD", ProductStatus.Offline, _clock.Now));
        _feed.OnEvent(MarketEvents.Status("ETH-USD", ProductStatus.Offline, _clock.Now));
        Assert.Empty(Published(AlertKinds.ExchangeHealth));   // never online: each is its own product_health alert

        using var single = new MarketFeedProcessor(new MarketState(StalenessSettings.Default), _clock, StalenessSettings.Default, OutlierSettings.Default, _ => 80m);
        var alerts = new List<GuardAlert>();
        single.Alerts.Subscribe(alerts.Add);
        single.OnEvent(MarketEvents.Status("SOL-USD", ProductStatus.Online, _clock.Now));
        single.OnEvent(MarketEvents.Status("SOL-USD", ProductStatus.Offline, _clock.Now));
        Assert.DoesNotContain(alerts, a => a.Kind == AlertKinds.ExchangeHealth);
        Assert.Contains(alerts, a => a.Kind == AlertKinds.ProductHealth);
    }

    public void Dispose()
    {
        _manager.Dispose();
        _feed.Dispose();
    }
}
