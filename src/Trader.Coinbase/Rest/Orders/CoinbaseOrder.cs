using System.Text.Json.Serialization;
using Trader.Domain.Trading;

namespace Trader.Coinbase.Rest.Orders;

/// <summary>An order as <c>GET /orders/historical/…</c> returns it (status <c>OPEN</c>, <c>FILLED</c>, <c>CANCELLED</c>, …).</summary>
public sealed record CoinbaseOrder(
    [property: JsonRequired] string OrderId,
    [property: JsonRequired] string ProductId,
    string? ClientOrderId,
    [property: JsonRequired] OrderSide Side,
    [property: JsonRequired] string Status,
    string? OrderType,
    string? TimeInForce,
    DateTimeOffset? CreatedTime,
    decimal? FilledSize,
    decimal? AverageFilledPrice,
    decimal? FilledValue,
    decimal? TotalFees,
    decimal? CompletionPercentage,
    int? NumberOfFills,
    string? RejectReason,
    string? RejectMessage,
    string? CancelMessage,
    OrderConfiguration? OrderConfiguration)
{
    public bool IsFailed => string.Equals(Status, "FAILED", StringComparison.OrdinalIgnoreCase);
}
