using Trader.Pipeline.Alerting;

namespace Trader.Pipeline.Tests.Alerting;

/// <summary>A log-like sink that records each delivery attempt's clock time.</summary>
internal sealed class RecordingSink(TimeProvider time) : IAlertSink
{
    private readonly List<(AlertNotification Notification, DateTimeOffset At)> _delivered = [];

    public string Name => "log";

    public bool Accepts(AlertNotification notification) => true;

    public Task<bool> DeliverAsync(AlertNotification notification, CancellationToken cancellationToken)
    {
        lock (_delivered) _delivered.Add((notification, time.GetUtcNow()));
        return Task.FromResult(true);
    }

    public IReadOnlyList<(AlertNotification Notification, DateTimeOffset At)> Delivered
    {
        get { lock (_delivered) return _delivered.ToList(); }
    }
}
