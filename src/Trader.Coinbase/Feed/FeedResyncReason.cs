namespace Trader.Coinbase.Feed;

/// <summary>Why the feed's data can no longer be trusted as it was.</summary>
public enum FeedResyncReason : byte
{
    /// <summary>The connection dropped: every product is stale (feed down) until a new connection delivers fresh data.</summary>
    Disconnected,

    /// <summary>A new connection after an earlier one: every product stays stale until its first ticker or book snapshot.</summary>
    Reconnected,

    /// <summary>Frames were lost: the books wait for the fresh snapshots the resubscribe asks for.</summary>
    SequenceGap,
}
