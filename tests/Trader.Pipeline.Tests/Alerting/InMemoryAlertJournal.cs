using Trader.Pipeline.Alerting;

namespace Trader.Pipeline.Tests.Alerting;

/// <summary>A journal kept in memory for the alert manager's own tests (the SQLite one is tested with the state store).</summary>
internal sealed class InMemoryAlertJournal : IAlertJournal
{
    private readonly List<(AlertNotification Notification, List<string> Owed)> _rows = [];

    public void Record(AlertNotification notification, IReadOnlyList<string> sinks)
    {
        lock (_rows) _rows.Add((notification, sinks.ToList()));
    }

    public void MarkDelivered(string notificationId, string sink, DateTimeOffset at)
    {
        lock (_rows)
            foreach (var row in _rows.Where(r => r.Notification.Id == notificationId))
                row.Owed.Remove(sink);
    }

    public IReadOnlyList<(AlertNotification Notification, IReadOnlyList<string> Sinks)> Undelivered()
    {
        lock (_rows)
            return _rows.Where(r => r.Owed.Count > 0).Select(r => (r.Notification, (IReadOnlyList<string>)r.Owed.ToList())).ToList();
    }

    public int Count
    {
        get { lock (_rows) return _rows.Count; }
    }
}
