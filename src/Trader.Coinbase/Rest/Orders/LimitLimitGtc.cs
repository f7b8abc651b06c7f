namespace Trader.Coinbase.Rest.Orders;

/// <summary><c>limit_limit_gtc</c>: a resting limit order; <see cref="PostOnly"/> makes it maker-only.</summary>
public sealed record LimitLimitGtc(decimal BaseSize, decimal LimitPrice, bool PostOnly);
