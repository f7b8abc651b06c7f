using System.Collections.Concurrent;

namespace Trader.Pipeline.Decisions;

/// <summary>
/// Counters a report reads: cycles started, completed, failed and skipped, proposals, approvals, rejections by
/// reason code, caught stage errors and per-cycle latency (injected clock) with percentiles. Thread-safe.
/// </summary>
public sealed class DecisionCounters
{
    private const int LatencyCapacity = 100_000;

    private readonly ConcurrentDictionary<string, long> _rejectedByReason = new(StringComparer.Ordinal);
    private readonly List<TimeSpan> _latencies = [];
    private long _cycles;
    private long _completed;
    private long _failed;
    private long _stopped;
    private long _skipped;
    private long _proposals;
    private long _approved;
    private long _submitted;
    private long _errors;

    public long Cycles => Interlocked.Read(ref _cycles);
    public long Completed => Interlocked.Read(ref _completed);
    public long Failed => Interlocked.Read(ref _failed);
    public long Stopped => Interlocked.Read(ref _stopped);

    /// <summary>Cycles the scheduler skipped because the previous one was still running.</summary>
    public long Skipped => Interlocked.Read(ref _skipped);

    /// <summary>Everything the rules proposed or a trigger the rules refused: approved + rejected.</summary>
    public long Proposals => Interlocked.Read(ref _proposals);
    public long Approved => Interlocked.Read(ref _approved);

    /// <summary>Orders the execution port accepted without throwing.</summary>
    public long Submitted => Interlocked.Read(ref _submitted);

    /// <summary>Exceptions caught in stage bodies, the journal sink or the execution port.</summary>
    public long Errors => Interlocked.Read(ref _errors);

    public IReadOnlyDictionary<string, long> RejectedByReason =>
        new SortedDictionary<string, long>(_rejectedByReason, StringComparer.Ordinal);

    /// <summary>Latencies of the most recent cycles (up to 100,000), in completion order.</summary>
    public IReadOnlyList<TimeSpan> Latencies
    {
        get { lock (_latencies) return _latencies.ToArray(); }
    }

    /// <summary>The nearest-rank percentile (0–100) of recorded cycle latencies; zero when none.</summary>
    public TimeSpan LatencyPercentile(double percentile)
    {
        var sorted = Latencies.Order().ToArray();
        if (sorted.Length == 0) return TimeSpan.Zero;
        var rank = (int)Math.Ceiling(percentile / 100.0 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    internal void CycleStarted() => Interlocked.Increment(ref _cycles);
    internal void CycleStopped() => Interlocked.Increment(ref _stopped);
    internal void CycleSkipped() => Interlocked.Increment(ref _skipped);
    internal void Error() => Interlocked.Increment(ref _errors);
    internal void OrderSubmitted() => Interlocked.Increment(ref _submitted);

    internal void Approve(int count)
    {
        Interlocked.Add(ref _approved, count);
        Interlocked.Add(ref _proposals, count);
    }

    internal void Reject(string reasonCode)
    {
        Interlocked.Increment(ref _proposals);
        _rejectedByReason.AddOrUpdate(reasonCode, 1, (_, n) => n + 1);
    }

    internal void CycleEnded(bool completed, TimeSpan latency)
    {
        Interlocked.Increment(ref completed ? ref _completed : ref _failed);
        lock (_latencies)
        {
            if (_latencies.Count == LatencyCapacity) _latencies.RemoveAt(0);
            _latencies.Add(latency);
        }
    }
}
