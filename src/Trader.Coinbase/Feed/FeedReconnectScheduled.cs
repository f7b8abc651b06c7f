namespace Trader.Coinbase.Feed;

/// <summary>The next connect waits <see cref="Delay"/> (full jitter; its timer is already running when this is raised).</summary>
public sealed record FeedReconnectScheduled(int Attempt, TimeSpan Delay, DateTimeOffset DueAt);
