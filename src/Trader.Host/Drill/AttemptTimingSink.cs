using System.Collections.Concurrent;
using Trader.Pipeline.Alerting;

namespace Trader.Host.Drill;

/// <summary>
/// Passes every notification to the sink it wraps and remembers, per alert kind, the instant of the first delivery
/// attempt (whatever its outcome): the drill's alert time is measured where the sink is called, not where the
/// alert was raised.
/// </summary>
public sealed class AttemptTimingSink(IAlertSink inner, TimeProvider time) : IAlertSink
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource<DateTimeOffset>> _first = new(StringComparer.Ordinal);

    public string Name => inner.Name;

    public bool Accepts(AlertNotification notification) => inner.Accepts(notification);

    /// <summary>Completes with the instant of the first attempt to deliver an alert of <paramref name="kind"/>.</summary>
    public Task<DateTimeOffset> FirstAttemptOf(string kind) => Slot(kind).Task;

    public Task<bool> DeliverAsync(AlertNotification notification, CancellationToken cancellationToken)
    {
        Slot(notification.Kind).TrySetResult(time.GetUtcNow());
        return inner.DeliverAsync(notification, cancellationToken);
    }

    private TaskCompletionSource<DateTimeOffset> Slot(string kind) =>
        _first.GetOrAdd(kind, _ => new TaskCompletionSource<DateTimeOffset>(TaskCreationOptions.RunContinuationsAsynchronously));
}
