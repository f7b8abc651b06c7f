using Trader.Domain.Trading;

namespace Trader.Coinbase.Rest.Orders;

/// <summary>An order as <c>GET /orders/historical/…</c> returns it (status <c>OPEN</c>, <c>FILLED</c>, <c>CANCELLED</c>, …).</summary>
public sealed record CoinbaseOrder(
    string OrderId,
    string ProductId,
    string? ClientOrderId,
    OrderSide Side,
    string Status,
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
