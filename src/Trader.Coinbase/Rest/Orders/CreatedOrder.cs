namespace Trader.Coinbase.Rest.Orders;

/// <summary><c>success_response</c> of a create-order: the venue's order id for our client order id.</summary>
public sealed record CreatedOrder(string OrderId, string? ClientOrderId, string? ProductId, string? Side);
