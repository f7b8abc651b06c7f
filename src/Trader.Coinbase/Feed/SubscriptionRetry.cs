namespace Trader.Coinbase.Feed;

/// <summary>
/// A subscribed channel (its subscribe name) delivered nothing since connection <see cref="ConnectionId"/> opened, so it
/// was resubscribed on that connection at <see cref="At"/>, for the <see cref="Attempt"/>-th time; the next try is due
/// at <see cref="NextAt"/> unless a frame of it arrives first.
/// </summary>
public sealed record SubscriptionRetry(long ConnectionId, string Channel, int Attempt, DateTimeOffset At, DateTimeOffset NextAt);
