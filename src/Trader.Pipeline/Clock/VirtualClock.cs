using System.Reactive.Concurrency;

namespace Trader.Pipeline.Clock;

/// <summary>
/// The virtual master clock of tests, replay and backtest: a <see cref="HistoricalScheduler"/> that is safe to
/// schedule on from other threads (timer continuations and Dataflow bodies run on the thread pool while the
/// driver advances time). <see cref="TimeProvider"/> is the same clock for code that takes a TimeProvider.
/// </summary>
public sealed class VirtualClock : HistoricalScheduler
{
    private readonly object _gate = new();

    public VirtualClock(DateTimeOffset start) : base(start)
    {
        TimeProvider = new SchedulerTimeProvider(this);
    }

    public SchedulerTimeProvider TimeProvider { get; }

    public override IDisposable ScheduleAbsolute<TState>(TState state, DateTimeOffset dueTime, Func<IScheduler, TState, IDisposable> action)
    {
        lock (_gate) return base.ScheduleAbsolute(state, dueTime, action);
    }

    /// <summary>The due time of the earliest pending work item, or null when nothing is scheduled.</summary>
    public DateTimeOffset? NextDue
    {
        get
        {
            lock (_gate) return base.GetNext()?.DueTime;
        }
    }

    protected override IScheduledItem<DateTimeOffset>? GetNext()
    {
        lock (_gate) return base.GetNext();
    }
}
