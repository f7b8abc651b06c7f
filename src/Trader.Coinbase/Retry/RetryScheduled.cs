using Trader.Coinbase.Rest;

namespace Trader.Coinbase.Retry;

/// <summary>Told before each wait: which failure, after how many attempts, and how long until the next one.</summary>
public readonly record struct RetryScheduled(RestFailure Failure, int AttemptsMade, TimeSpan Delay);
