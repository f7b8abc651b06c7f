namespace Trader.ExchangeSim.Faults;

/// <summary>How many faults of each kind the simulator injected so far.</summary>
public sealed class FaultCounters
{
    private long _dropped, _gaps, _stalls, _malformed, _duplicates, _http5xx, _http429, _timeouts, _ignored;

    public long DroppedConnections => Interlocked.Read(ref _dropped);
    public long SequenceGaps => Interlocked.Read(ref _gaps);
    public long StalledFrames => Interlocked.Read(ref _stalls);
    public long MalformedFrames => Interlocked.Read(ref _malformed);
    public long DuplicatedFrames => Interlocked.Read(ref _duplicates);
    public long Http5xx => Interlocked.Read(ref _http5xx);
    public long Http429 => Interlocked.Read(ref _http429);
    public long TimeoutsAfterAccept => Interlocked.Read(ref _timeouts);
    public long IgnoredSubscribes => Interlocked.Read(ref _ignored);

    internal void Dropped() => Interlocked.Increment(ref _dropped);
    internal void Gap() => Interlocked.Increment(ref _gaps);
    internal void Stalled() => Interlocked.Increment(ref _stalls);
    internal void MalformedFrame() => Interlocked.Increment(ref _malformed);
    internal void Duplicated() => Interlocked.Increment(ref _duplicates);
    internal void ServerError() => Interlocked.Increment(ref _http5xx);
    internal void TooMany() => Interlocked.Increment(ref _http429);
    internal void TimedOut() => Interlocked.Increment(ref _timeouts);
    internal void Ignored() => Interlocked.Increment(ref _ignored);
}
