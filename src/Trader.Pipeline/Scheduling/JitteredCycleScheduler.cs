using System.Reactive.Concurrency;
using System.Reactive.Disposables;

namespace Trader.Pipeline.Scheduling;

/// <summary>
/// Fires decision cycles on the one clock with jitter (REQ-SCH1): the wait before each cycle is
/// <c>interval × (1 + U[0, jitter_pct/100))</c> drawn from a seeded RNG, measured from the previous cycle's due
/// time. A cycle still running when the next is due is skipped and counted, never queued (DESIGN.md §1).
/// </summary>
public sealed class JitteredCycleScheduler : IDisposable
{
    private readonly IScheduler _scheduler;
    private readonly TimeSpan _interval;
    private readonly double _jitterFraction;
    private readonly Random _random;
    private readonly Func<CycleTick, Task> _runCycle;
    private readonly SerialDisposable _next = new();
    private readonly object _gate = new();
    private Task _running = Task.CompletedTask;
    private long _cycleId;
    private long _skipped;
    private bool _stopped;

    public JitteredCycleScheduler(IScheduler scheduler, TimeSpan interval, decimal jitterPct, int seed, Func<CycleTick, Task> runCycle)
    {
        if (interval <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(interval), "interval must be positive");
        if (jitterPct < 0m || jitterPct > 100m) throw new ArgumentOutOfRangeException(nameof(jitterPct), "jitter must be within 0–100 %");
        _scheduler = scheduler;
        _interval = interval;
        _jitterFraction = (double)jitterPct / 100.0;
        _random = new Random(seed);
        _runCycle = runCycle;
    }

    /// <summary>Cycles started so far.</summary>
    public long Cycles => Interlocked.Read(ref _cycleId);

    /// <summary>Cycles skipped because the previous one was still running when they were due.</summary>
    public long Skipped => Interlocked.Read(ref _skipped);

    /// <summary>Raised (on the clock's thread) when a due cycle is skipped.</summary>
    public event Action<DateTimeOffset>? CycleSkipped;

    /// <summary>The cycle in flight, if any; completes when it finishes (used for graceful shutdown and quiescence).</summary>
    public Task Running
    {
        get { lock (_gate) return _running; }
    }

    public void Start() => ScheduleNext(_scheduler.Now);

    /// <summary>The next wait: interval × (1 + U[0, jitter)).</summary>
    private TimeSpan NextWait() => TimeSpan.FromTicks((long)(_interval.Ticks * (1.0 + _random.NextDouble() * _jitterFraction)));

    private void ScheduleNext(DateTimeOffset from)
    {
        lock (_gate)
        {
            if (_stopped) return;
            var due = from + NextWait();
            _next.Disposable = _scheduler.Schedule(due, () => Fire(due));
        }
    }

    private void Fire(DateTimeOffset due)
    {
        lock (_gate)
        {
            if (_stopped) return;
            if (!_running.IsCompleted)
            {
                Interlocked.Increment(ref _skipped);
                CycleSkipped?.Invoke(due);
            }
            else
            {
                var tick = new CycleTick(Interlocked.Increment(ref _cycleId), due);
                _running = RunSafely(tick);
            }
        }
        ScheduleNext(due);
    }

    private async Task RunSafely(CycleTick tick)
    {
        try
        {
            await _runCycle(tick).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // The cycle body reports its own failures; a throwing body must never stop the schedule.
        }
    }

    /// <summary>Stops scheduling new cycles; the one in flight (if any) is left to finish (see <see cref="Running"/>).</summary>
    public void Stop()
    {
        lock (_gate)
        {
            _stopped = true;
            _next.Dispose();
        }
    }

    public void Dispose() => Stop();
}
