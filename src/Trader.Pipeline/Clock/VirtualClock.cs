using System.Reactive.Concurrency;

namespace Trader.Pipeline.Clock;

/// <summary>
/// The virtual master clock of tests, replay and backtest: a virtual-time Rx scheduler over
/// <see cref="DateTimeOffset"/> (like <see cref="HistoricalScheduler"/>) whose queue is safe to use from any thread —
/// timer continuations and Dataflow bodies schedule work on the thread pool while the driver advances time, and
/// HistoricalScheduler's own queue is not synchronized. Items due at the same instant run in the order they were
/// scheduled. <see cref="TimeProvider"/> is the same clock for code that takes a TimeProvider.
/// </summary>
public sealed class VirtualClock : VirtualTimeSchedulerBase<DateTimeOffset, TimeSpan>
{
    private readonly object _gate = new();
    private readonly SortedSet<Entry> _queue = new(EntryComparer.Instance);
    private long _sequence;

    public VirtualClock(DateTimeOffset start) : base(start, Comparer<DateTimeOffset>.Default)
    {
        TimeProvider = new SchedulerTimeProvider(this);
    }

    public SchedulerTimeProvider TimeProvider { get; }

    /// <summary>The due time of the earliest pending work item, or null when nothing is scheduled.</summary>
    public DateTimeOffset? NextDue => GetNext()?.DueTime;

    public override IDisposable ScheduleAbsolute<TState>(TState state, DateTimeOffset dueTime, Func<IScheduler, TState, IDisposable> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        Entry? entry = null;
        var item = new ScheduledItem<DateTimeOffset, TState>(this, state, (scheduler, s) =>
        {
            lock (_gate) _queue.Remove(entry!);
            return action(scheduler, s);
        }, dueTime, Comparer<DateTimeOffset>.Default);
        lock (_gate)
        {
            entry = new Entry(dueTime, ++_sequence, item);
            _queue.Add(entry);
        }
        return item;
    }

    protected override IScheduledItem<DateTimeOffset>? GetNext()
    {
        lock (_gate)
        {
            while (_queue.Count > 0)
            {
                var first = _queue.Min!;
                if (!first.Item.IsCanceled) return first.Item;
                _queue.Remove(first);
            }
            return null;
        }
    }

    protected override DateTimeOffset Add(DateTimeOffset absolute, TimeSpan relative) => absolute.Add(relative);

    protected override DateTimeOffset ToDateTimeOffset(DateTimeOffset absolute) => absolute;

    protected override TimeSpan ToRelative(TimeSpan timeSpan) => timeSpan;

    private sealed record Entry(DateTimeOffset Due, long Sequence, ScheduledItem<DateTimeOffset> Item);

    private sealed class EntryComparer : IComparer<Entry>
    {
        public static readonly EntryComparer Instance = new();

        public int Compare(Entry? x, Entry? y)
        {
            if (ReferenceEquals(x, y)) return 0;
            if (x is null) return -1;
            if (y is null) return 1;
            var byDue = x.Due.UtcTicks.CompareTo(y.Due.UtcTicks);
            return byDue != 0 ? byDue : x.Sequence.CompareTo(y.Sequence);
        }
    }
}
