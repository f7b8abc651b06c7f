namespace Trader.Host.Execution;

/// <summary>An <c>order_ambiguous</c> alert (CONTRACTS.md alert kinds): the venue may have this order; a lookup will tell.</summary>
public sealed record OrderAmbiguous(string ClientOrderId, string ProductId, string Detail, DateTimeOffset Ts);
