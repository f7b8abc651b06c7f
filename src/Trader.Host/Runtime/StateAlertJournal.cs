using System.Collections.Concurrent;
using Trader.Pipeline.Alerting;
using Trader.State.Alerts;

namespace Trader.Host.Runtime;

/// <summary>The alert manager's journal in the state DB: alerts are recorded before delivery (REQ-AL1).</summary>
public sealed class StateAlertJournal(AlertStore store, TimeSpan resendWindow, TimeProvider time) : IAlertJournal
{
    private readonly ConcurrentDictionary<string, long> _rowIds = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _openByKey = new(StringComparer.Ordinal);

    public void Record(AlertNotification notification, IReadOnlyList<string> sinks)
    {
        var id = store.Record(new AlertRecord
        {
            Kind = notification.Kind,
            Severity = AlertNotification.SeverityName(notification.Severity),
            ProductId = notification.ProductId,
            Message = (notification.Escalated ? "[escalated] " : notification.Resolved ? "[resolved] " : "") + notification.Message,
            DedupeKey = notification.DedupeKey,
            Ts = notification.Ts,
        }, sinks);
        _rowIds[notification.Id] = id;
        var severity = AlertNotification.SeverityName(notification.Severity);
        if (notification.Resolved)
        {
            // The resolution ends the episode: the alert that opened it is resolved too.
            if (_openByKey.TryRemove(notification.DedupeKey, out var openId)) store.MarkResolved(openId, notification.Ts);
            store.MarkResolved(id, notification.Ts);
        }
        else if (notification.Escalated)
        {
            store.MarkEscalated(id, severity, notification.Ts);
            if (_openByKey.TryGetValue(notification.DedupeKey, out var openId)) store.MarkEscalated(openId, severity, notification.Ts);
        }
        else
        {
            _openByKey.TryAdd(notification.DedupeKey, id);
        }
    }

    public void MarkDelivered(string notificationId, string sink, DateTimeOffset at)
    {
        if (_rowIds.TryGetValue(notificationId, out var id))
            store.RecordAttempt(id, sink, AlertDeliveryState.Delivered, at);
    }

    public IReadOnlyList<(AlertNotification Notification, IReadOnlyList<string> Sinks)> Undelivered()
    {
        var owed = new List<(AlertNotification, IReadOnlyList<string>)>();
        foreach (var row in store.Since(time.GetUtcNow() - resendWindow))
        {
            var sinks = row.Deliveries.Where(d => d.State != AlertDeliveryState.Delivered).Select(d => d.Sink).ToList();
            if (sinks.Count == 0) continue;
            var notification = new AlertNotification($"db-{row.Id}", row.Kind, ParseSeverity(row.Severity), row.ProductId, row.Message,
                row.Ts, row.DedupeKey, row.Escalated, row.Resolved);
            _rowIds[notification.Id] = row.Id;
            owed.Add((notification, sinks));
        }
        return owed;
    }

    private static Pipeline.Alerts.AlertSeverity ParseSeverity(string severity) => severity switch
    {
        "info" => Pipeline.Alerts.AlertSeverity.Info,
        "warning" => Pipeline.Alerts.AlertSeverity.Warning,
        _ => Pipeline.Alerts.AlertSeverity.Critical,
    };
}
