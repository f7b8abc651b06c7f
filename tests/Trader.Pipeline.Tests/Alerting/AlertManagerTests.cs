using System.Text.Json;
using Trader.Pipeline.Alerting;
using Trader.Pipeline.Alerts;
using Trader.Pipeline.Clock;
using Trader.Testing;

namespace Trader.Pipeline.Tests.Alerting;

/// <summary>REQ-AL1 in virtual time, with a real webhook listener on 127.0.0.1.</summary>
public sealed class AlertManagerTests : IDisposable
{
    private static readonly TimeSpan Sla = TimeSpan.FromSeconds(5);
    private readonly VirtualClock _clock = VirtualTime.Create();
    private readonly WebhookReceiver _webhook = new();
    private readonly WebhookReceiver _escalation = new();
    private readonly HttpClient _http = new();
    private readonly InMemoryAlertJournal _journal = new();
    private readonly RecordingSink _log;
    private readonly AlertManager _alerts;

    public AlertManagerTests()
    {
        _log = new RecordingSink(_clock.TimeProvider);
        _alerts = NewManager(_journal);
    }

    private AlertManager NewManager(IAlertJournal journal) => new(_clock, _clock.TimeProvider, AlertPolicy.Default,
    [
        _log,
        new WebhookAlertSink("webhook", _http, _webhook.Url, AlertSeverity.Warning, escalationOnly: false, TimeSpan.FromSeconds(5), _clock.TimeProvider),
        new WebhookAlertSink("escalation", _http, _escalation.Url, AlertSeverity.Warning, escalationOnly: true, TimeSpan.FromSeconds(5), _clock.TimeProvider),
    ], journal);

    private GuardAlert Stale(bool resolved = false) =>
        new(AlertKinds.Staleness, AlertSeverity.Warning, "BTC-USD", "stale_quote", "BTC-USD quote is 6.0 s old", _clock.Now, resolved);

    private async Task Drain() => await _alerts.DrainAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10), TimeProvider.System);

    private async Task Settle() => await _alerts.SettleAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10), TimeProvider.System);

    /// <summary>Lets deliveries run, then moves the clock a second, until the condition holds (at most a virtual minute).</summary>
    private async Task StepUntil(Func<bool> done)
    {
        for (var i = 0; i < 60 && !done(); i++)
        {
            await Settle();
            if (done()) return;
            _clock.AdvanceBy(TimeSpan.FromSeconds(1));
        }
        await Settle();
        Assert.True(done(), "condition not reached within a virtual minute");
    }

    private static JsonElement Parse(string body) => JsonDocument.Parse(body).RootElement;

    [Fact]
    [Trait("Req", "REQ-AL1")]
    public async Task The_first_delivery_attempt_to_every_sink_is_within_5_s_of_the_breach()
    {
        var breach = _clock.Now;
        _clock.AdvanceBy(TimeSpan.FromMilliseconds(1200)); // detection latency of the guard that raised it
        _alerts.Raise(Stale() with { Ts = breach });
        await Drain();
        _clock.AdvanceBy(TimeSpan.FromSeconds(10));

        var (notification, at) = Assert.Single(_log.Delivered);
        Assert.True(at - breach <= Sla, $"log delivery after {(at - breach).TotalMilliseconds} ms");
        Assert.Equal(VirtualTime.Epoch.AddMilliseconds(1200), at);
        var body = Parse(Assert.Single(_webhook.Bodies));
        Assert.Equal("[WARNING] staleness: BTC-USD quote is 6.0 s old", body.GetProperty("text").GetString());
        Assert.Equal("staleness", body.GetProperty("kind").GetString());
        Assert.Equal("warning", body.GetProperty("severity").GetString());
        Assert.Equal("BTC-USD", body.GetProperty("product_id").GetString());
        Assert.Equal("2025-01-06T12:00:01.200Z", body.GetProperty("ts").GetString());
        Assert.Equal("staleness|BTC-USD|stale_quote", body.GetProperty("dedupe_key").GetString());
        Assert.False(body.GetProperty("escalated").GetBoolean());
        Assert.False(body.GetProperty("resolved").GetBoolean());
        Assert.Empty(_escalation.Bodies);
        Assert.Equal(notification.Id, _journal.Undelivered().Count == 0 ? notification.Id : "undelivered");
    }

    [Fact]
    [Trait("Req", "REQ-AL1")]
    public async Task Identical_alerts_are_deduplicated_for_60_s()
    {
        _alerts.Raise(Stale());
        await Drain();
        for (var i = 0; i < 59; i++)
        {
            _clock.AdvanceBy(TimeSpan.FromSeconds(1));
            _alerts.Raise(Stale());
        }
        await Drain();
        Assert.Single(_log.Delivered);
        Assert.Equal(59, _alerts.Suppressed);

        _clock.AdvanceBy(TimeSpan.FromSeconds(1)); // 60 s after the first delivery
        _alerts.Raise(Stale());
        await Drain();
        Assert.Equal(2, _log.Delivered.Count);
        Assert.Equal(VirtualTime.Epoch.AddSeconds(60), _log.Delivered[1].At);

        // A different product is a different alert, never deduplicated against BTC-USD.
        _alerts.Raise(Stale() with { ProductId = "ETH-USD" });
        await Drain();
        Assert.Equal(3, _log.Delivered.Count);
    }

    [Fact]
    [Trait("Req", "REQ-AL1")]
    public async Task An_alert_unresolved_after_2_min_is_escalated_one_severity_up_to_the_escalation_route()
    {
        _alerts.Raise(Stale());
        _clock.AdvanceBy(TimeSpan.FromMinutes(2) - TimeSpan.FromMilliseconds(1));
        await Drain();
        Assert.Single(_log.Delivered);

        _clock.AdvanceBy(TimeSpan.FromMilliseconds(1));
        await Drain();

        var escalated = _log.Delivered[1];
        Assert.True(escalated.Notification.Escalated);
        Assert.Equal(AlertSeverity.Critical, escalated.Notification.Severity);
        Assert.Equal(VirtualTime.Epoch.AddMinutes(2), escalated.At);
        var body = Parse(Assert.Single(_escalation.Bodies));
        Assert.True(body.GetProperty("escalated").GetBoolean());
        Assert.Equal("critical", body.GetProperty("severity").GetString());
        Assert.Equal(2, _webhook.Bodies.Count);
    }

    [Fact]
    [Trait("Req", "REQ-AL1")]
    public async Task Resolution_is_announced_and_cancels_the_escalation()
    {
        _alerts.Raise(Stale());
        await Drain();
        _clock.AdvanceBy(TimeSpan.FromSeconds(30));
        _alerts.Raise(Stale(resolved: true));
        await Drain();
        _clock.AdvanceBy(TimeSpan.FromMinutes(5));
        await Drain();

        Assert.Equal(2, _log.Delivered.Count);
        Assert.True(_log.Delivered[1].Notification.Resolved);
        Assert.Equal(VirtualTime.Epoch.AddSeconds(30), _log.Delivered[1].At);
        Assert.Contains("[RESOLVED]", Parse(_webhook.Bodies[1]).GetProperty("text").GetString());
        Assert.Empty(_escalation.Bodies);
        Assert.Empty(_alerts.OpenEpisodes);
    }

    [Fact]
    [Trait("Req", "REQ-AL1")]
    public async Task A_webhook_that_is_down_then_up_loses_nothing_and_never_blocks_raising()
    {
        _webhook.Down = true;
        var kinds = new[] { AlertKinds.Staleness, AlertKinds.ProductHealth, AlertKinds.FeedDown };
        foreach (var kind in kinds)
            _alerts.Raise(Stale() with { Kind = kind }); // returns at once although the webhook refuses

        await StepUntil(() => _webhook.Refused >= 3);
        Assert.Empty(_webhook.Bodies);
        Assert.Equal(3, _log.Delivered.Count);

        _webhook.Down = false;
        await StepUntil(() => _webhook.Bodies.Count >= 3);

        // Delivery is at least once (a request cut off by its timeout after the receiver took it is sent again;
        // receivers dedupe on dedupe_key), in order, and nothing is lost.
        Assert.Equal(kinds, _webhook.Bodies.Select(b => Parse(b).GetProperty("kind").GetString()).Distinct());
        Assert.Empty(_journal.Undelivered());
    }

    [Fact]
    [Trait("Req", "REQ-AL1")]
    public async Task Alerts_are_journaled_before_delivery_so_a_restart_resends_what_was_not_delivered()
    {
        _webhook.Down = true;
        _alerts.Raise(Stale());
        await StepUntil(() => _webhook.Refused >= 1);
        Assert.Equal(1, _journal.Count);
        _alerts.Dispose(); // the process stops before the webhook came back

        _webhook.Down = false;
        using var restarted = NewManager(_journal);
        Assert.Equal(1, restarted.ResendUndelivered());
        await restarted.DrainAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10), TimeProvider.System);

        Assert.Equal("staleness", Parse(Assert.Single(_webhook.Bodies)).GetProperty("kind").GetString());
        Assert.Empty(_journal.Undelivered());
    }

    public void Dispose()
    {
        _alerts.Dispose();
        _http.Dispose();
        _webhook.Dispose();
        _escalation.Dispose();
    }
}
