namespace Trader.Coinbase.Rest.Orders;

internal sealed record BatchCancelResponse(IReadOnlyList<CancelOrderResult>? Results);
