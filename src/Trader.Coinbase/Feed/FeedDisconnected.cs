namespace Trader.Coinbase.Feed;

/// <summary>A connection ended (or never opened); <see cref="Detail"/> is the error text when there is one.</summary>
public sealed record FeedDisconnected(long ConnectionId, FeedDisconnectReason Reason, string? Detail, long FramesReceived, DateTimeOffset At);
