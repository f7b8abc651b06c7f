namespace Trader.Coinbase.Rest.Orders;

internal sealed record BatchCancelRequest(IReadOnlyList<string> OrderIds);
