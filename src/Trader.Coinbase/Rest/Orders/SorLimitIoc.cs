namespace Trader.Coinbase.Rest.Orders;

/// <summary><c>sor_limit_ioc</c>: an immediate-or-cancel limit order (smart order routing).</summary>
public sealed record SorLimitIoc(decimal BaseSize, decimal LimitPrice);
