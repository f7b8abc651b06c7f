namespace Trader.Coinbase.Feed;

/// <summary>One heartbeat as the tracker saw it; <see cref="Missed"/> counts the beats skipped before it.</summary>
public readonly record struct HeartbeatObservation(long Counter, long? Previous, long Missed)
{
    public bool IsGap => Missed > 0;
}
