using Trader.Domain.Market;

namespace Trader.Coinbase.Feed;

/// <summary>
/// The last heartbeat of a connection (counter, venue time, our receive time) and gaps in its counter, which
/// should rise by one per second. A counter that goes backwards starts a new count (the venue restarted it).
/// <see cref="Reset"/> on every new connection. Not thread-safe.
/// </summary>
public sealed class HeartbeatTracker
{
    public long? LastCounter { get; private set; }

    public DateTimeOffset? LastTsEvent { get; private set; }

    public DateTimeOffset? LastTsRecv { get; private set; }

    public long Count { get; private set; }

    public long CounterGaps { get; private set; }

    public long MissedBeats { get; private set; }

    public HeartbeatObservation Observe(HeartbeatEvent heartbeat)
    {
        var previous = LastCounter;
        long missed = 0;
        if (previous is { } p && heartbeat.Counter > p + 1)
        {
            missed = heartbeat.Counter - p - 1;
            CounterGaps++;
            MissedBeats += missed;
        }
        LastCounter = heartbeat.Counter;
        LastTsEvent = heartbeat.TsEvent;
        LastTsRecv = heartbeat.TsRecv;
        Count++;
        return new HeartbeatObservation(heartbeat.Counter, previous, missed);
    }

    /// <summary>Time since the last heartbeat arrived, on the caller's clock; null before the first.</summary>
    public TimeSpan? SinceLast(DateTimeOffset now) => LastTsRecv is { } t ? now - t : null;

    public void Reset()
    {
        LastCounter = null;
        LastTsEvent = null;
        LastTsRecv = null;
    }
}
