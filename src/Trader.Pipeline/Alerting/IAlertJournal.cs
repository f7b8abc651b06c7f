namespace Trader.Pipeline.Alerting;

/// <summary>
/// Durable record of alerts (the state DB in production): a notification is recorded before any delivery is
/// attempted, and each sink's successful delivery is marked, so a restart re-sends what was not delivered.
/// </summary>
public interface IAlertJournal
{
    void Record(AlertNotification notification, IReadOnlyList<string> sinks);

    void MarkDelivered(string notificationId, string sink, DateTimeOffset at);

    /// <summary>Notifications with at least one sink not yet delivered, oldest first, with the sinks still owed.</summary>
    IReadOnlyList<(AlertNotification Notification, IReadOnlyList<string> Sinks)> Undelivered();
}
