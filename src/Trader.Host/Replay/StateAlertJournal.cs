using Trader.Pipeline.Alerting;
using Trader.State.Alerts;

namespace Trader.Host.Replay;

/// <summary>
/// The alert journal of the state DB (<see cref="AlertStore"/>): a first raise is stored, an escalation or a
/// resolution updates the stored episode. Replay delivers to no sink, so nothing is ever owed.
/// </summary>
public sealed class StateAlertJournal : IAlertJournal
{
    private readonly AlertStore _store;
    private readonly Dictionary<string, long> _openIds = new(StringComparer.Ordinal);

    public StateAlertJournal(AlertStore store) => _store = store;

    public void Record(AlertNotification notification, IReadOnlyList<string> sinks)
    {
        var severity = AlertNotification.SeverityName(notification.Severity);
        if (notification.Resolved)
        {
            if (_openIds.Remove(notification.DedupeKey, out var resolvedId)) _store.MarkResolved(resolvedId, notification.Ts);
            return;
        }
        if (notification.Escalated && _openIds.TryGetValue(notification.DedupeKey, out var openId))
        {
            _store.MarkEscalated(openId, severity, notification.Ts);
            return;
        }
        if (_openIds.ContainsKey(notification.DedupeKey)) return; // a re-raise after the dedupe window: same episode
        _openIds[notification.DedupeKey] = _store.Record(new AlertRecord
        {
            Kind = notification.Kind,
            Severity = severity,
            ProductId = notification.ProductId,
            Message = notification.Message,
            DedupeKey = notification.DedupeKey,
            Ts = notification.Ts,
        }, sinks);
    }

    public void MarkDelivered(string notificationId, string sink, DateTimeOffset at)
    {
        // No sinks in replay: nothing is delivered, nothing to mark.
    }

    public IReadOnlyList<(AlertNotification Notification, IReadOnlyList<string> Sinks)> Undelivered() => [];
}
