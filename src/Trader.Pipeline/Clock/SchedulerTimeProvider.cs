using System.Reactive.Concurrency;
using System.Reactive.Disposables;

namespace Trader.Pipeline.Clock;

/// <summary>
/// A <see cref="TimeProvider"/> whose time and timers come from an Rx <see cref="IScheduler"/>.
/// With a <see cref="VirtualClock"/> behind it, Polly delays, <c>Task.Delay(…, provider)</c>,
/// <c>CancellationTokenSource(…, provider)</c> and Rx operators all fire at their exact virtual due time
/// while the clock advances (DESIGN.md §3: one clock).
/// </summary>
public sealed class SchedulerTimeProvider : TimeProvider
{
    private readonly IScheduler _scheduler;

    public SchedulerTimeProvider(IScheduler scheduler) => _scheduler = scheduler;

    public IScheduler Scheduler => _scheduler;

    public override DateTimeOffset GetUtcNow() => _scheduler.Now.ToUniversalTime();

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => _scheduler.Now.UtcTicks;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var timer = new SchedulerTimer(_scheduler, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    private sealed class SchedulerTimer : ITimer
    {
        private readonly IScheduler _scheduler;
        private readonly TimerCallback _callback;
        private readonly object? _state;
        private readonly SerialDisposable _pending = new();
        private readonly object _gate = new();
        private TimeSpan _period = Timeout.InfiniteTimeSpan;
        private long _generation;
        private bool _disposed;

        public SchedulerTimer(IScheduler scheduler, TimerCallback callback, object? state)
        {
            _scheduler = scheduler;
            _callback = callback;
            _state = state;
        }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (_gate)
            {
                if (_disposed) return false;
                _period = period;
                var generation = ++_generation;
                _pending.Disposable = dueTime == Timeout.InfiniteTimeSpan
                    ? Disposable.Empty
                    : Schedule(dueTime < TimeSpan.Zero ? TimeSpan.Zero : dueTime, generation);
                return true;
            }
        }

        private IDisposable Schedule(TimeSpan due, long generation) =>
            _scheduler.Schedule(generation, due, (_, gen) =>
            {
                TimeSpan period;
                lock (_gate)
                {
                    if (_disposed || gen != _generation) return Disposable.Empty;
                    period = _period;
                }
                _callback(_state);
                lock (_gate)
                {
                    if (!_disposed && gen == _generation && period != Timeout.InfiniteTimeSpan && period > TimeSpan.Zero)
                        _pending.Disposable = Schedule(period, gen);
                }
                return Disposable.Empty;
            });

        public void Dispose()
        {
            lock (_gate)
            {
                _disposed = true;
                _pending.Dispose();
            }
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
