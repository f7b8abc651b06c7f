namespace Trader.Coinbase.Feed;

/// <summary>
/// A subscribed channel (its subscribe name) delivered nothing since the connection opened, so it was resubscribed
/// at <see cref="At"/>, for the <see cref="Attempt"/>-th time; the next try is due at <see cref="NextAt"/> unless a
/// frame of it arrives first.
/// </summary>
public sealed record SubscriptionRetry(string Channel, int Attempt, DateTimeOffset At, DateTimeOffset NextAt);
