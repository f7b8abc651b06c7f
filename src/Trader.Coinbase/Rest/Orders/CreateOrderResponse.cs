using System.Text.Json.Serialization;

namespace Trader.Coinbase.Rest.Orders;

/// <summary>The create-order answer; the deprecated top-level <c>failure_reason</c>/<c>order_id</c> are only a fallback.</summary>
internal sealed record CreateOrderResponse(
    [property: JsonRequired] bool Success,
    CreatedOrder? SuccessResponse,
    OrderErrorResponse? ErrorResponse,
    string? FailureReason,
    string? OrderId);
