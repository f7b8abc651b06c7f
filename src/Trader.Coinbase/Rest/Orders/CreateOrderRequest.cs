using Trader.Domain.Trading;

namespace Trader.Coinbase.Rest.Orders;

/// <summary>
/// The body of <c>POST /orders</c>, serialized exactly in this field order. The venue treats a repeated
/// <see cref="ClientOrderId"/> idempotently, which is what makes a proven-safe re-send safe.
/// </summary>
public sealed record CreateOrderRequest(string ClientOrderId, string ProductId, OrderSide Side, OrderConfiguration OrderConfiguration)
{
    /// <summary>Null when the request can be sent, else why not.</summary>
    public string? Validate()
    {
        if (string.IsNullOrWhiteSpace(ClientOrderId)) return "client_order_id is empty";
        if (ClientOrderId.Length > 128) return "client_order_id is longer than 128 characters";
        if (string.IsNullOrWhiteSpace(ProductId)) return "product_id is empty";
        return OrderConfiguration is null ? "order_configuration is missing" : OrderConfiguration.Validate();
    }
}
