namespace Trader.Coinbase.Feed;

/// <summary>A connection is open (its subscribes follow at once). <see cref="IsReconnect"/> after any earlier connection.</summary>
public sealed record FeedConnected(long ConnectionId, bool IsReconnect, DateTimeOffset At);
