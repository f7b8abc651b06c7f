namespace Trader.Pipeline.Alerting;

/// <summary>A place alerts are delivered to (log, webhook, …). Delivery may fail; the sink's queue retries.</summary>
public interface IAlertSink
{
    string Name { get; }

    /// <summary>True when this sink takes the notification (severity filter, escalation-only route, …).</summary>
    bool Accepts(AlertNotification notification);

    /// <summary>Delivers one notification; throws or returns false on failure.</summary>
    Task<bool> DeliverAsync(AlertNotification notification, CancellationToken cancellationToken);
}
