namespace Trader.Coinbase.Feed;

/// <summary>
/// Raised when the pipeline must stop trusting what it has: mark <see cref="ProductIds"/> stale until fresh data
/// arrives. For a gap, <see cref="Expected"/>/<see cref="Got"/> are the sequence numbers.
/// </summary>
public sealed record FeedResync(
    FeedResyncReason Reason,
    long ConnectionId,
    IReadOnlyList<string> ProductIds,
    DateTimeOffset At,
    long? Expected = null,
    long? Got = null);
