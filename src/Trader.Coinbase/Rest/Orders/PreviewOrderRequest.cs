using Trader.Domain.Trading;

namespace Trader.Coinbase.Rest.Orders;

/// <summary>The body of <c>POST /orders/preview</c>: the create body without <c>client_order_id</c>.</summary>
internal sealed record PreviewOrderRequest(string ProductId, OrderSide Side, OrderConfiguration OrderConfiguration);
