using Trader.Domain.Trading;

namespace Trader.Host.Execution;

/// <summary>One order as every venue receives it: sizes already on the product's increments (from the OrderSizer).</summary>
public sealed record VenueOrderRequest(
    string ClientOrderId,
    string ProductId,
    OrderSide Side,
    ExecutionOrderType Type,
    decimal BaseSize,
    decimal LimitPrice);
