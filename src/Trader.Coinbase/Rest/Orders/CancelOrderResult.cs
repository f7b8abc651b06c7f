using System.Text.Json.Serialization;

namespace Trader.Coinbase.Rest.Orders;

/// <summary>One item of <c>POST /orders/batch_cancel</c>: <see cref="FailureReason"/> matters only when not <see cref="Success"/>.</summary>
public sealed record CancelOrderResult([property: JsonRequired] bool Success, string? FailureReason, [property: JsonRequired] string OrderId);
