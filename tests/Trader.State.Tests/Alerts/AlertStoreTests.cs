using Trader.State.Alerts;
using Trader.State.Storage;
using Trader.Testing;
using static Trader.State.Tests.Support.Rows;

namespace Trader.State.Tests.Alerts;

public sealed class AlertStoreTests
{
    [Fact]
    public void An_alert_keeps_its_delivery_state_per_sink_escalation_and_resolution()
    {
        using var dir = new TempDir();
        using var store = StateStore.Open(dir.File("state.db"));
        var id = store.Alerts.Record(new AlertRecord
        {
            Kind = "staleness", Severity = "warning", ProductId = "ETH-USD", Message = "quote 6.2 s old",
            DedupeKey = "staleness:ETH-USD", Ts = T0,
        }, ["webhook", "log"]);

        store.Alerts.RecordAttempt(id, "webhook", AlertDeliveryState.Failed, T0.AddSeconds(1), "HTTP 503");
        store.Alerts.RecordAttempt(id, "webhook", AlertDeliveryState.Delivered, T0.AddSeconds(2));
        store.Alerts.RecordAttempt(id, "log", AlertDeliveryState.Delivered, T0);
        Assert.True(store.Alerts.MarkEscalated(id, "critical", T0.AddMinutes(2)));
        Assert.False(store.Alerts.MarkEscalated(id, "critical", T0.AddMinutes(3)));

        var alert = Assert.Single(store.Alerts.Unresolved());
        Assert.True(alert.Escalated);
        Assert.Equal("critical", alert.Severity);
        Assert.Equal(T0.AddMinutes(2), alert.EscalatedTs);
        var webhook = alert.Deliveries.Single(d => d.Sink == "webhook");
        Assert.Equal(AlertDeliveryState.Delivered, webhook.State);
        Assert.Equal(2, webhook.Attempts);
        Assert.Equal(T0.AddSeconds(2), webhook.LastAttemptTs);

        Assert.True(store.Alerts.MarkResolved(id, T0.AddMinutes(5)));
        Assert.Empty(store.Alerts.Unresolved());
        Assert.True(Assert.Single(store.Alerts.Since(T0)).Resolved);
    }

    [Fact]
    public void An_unknown_severity_is_refused()
    {
        using var dir = new TempDir();
        using var store = StateStore.Open(dir.File("state.db"));
        Assert.Throws<ArgumentException>(() => store.Alerts.Record(new AlertRecord
        {
            Kind = "slo", Severity = "urgent", Message = "m", DedupeKey = "k", Ts = T0,
        }, []));
    }
}
