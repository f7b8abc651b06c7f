namespace Trader.Coinbase.Rest.Orders;

internal sealed record GetOrderResponse(CoinbaseOrder? Order);
