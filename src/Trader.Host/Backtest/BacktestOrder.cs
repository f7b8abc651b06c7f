namespace Trader.Host.Backtest;

/// <summary>
/// One order the decision approved, as the report lists it: when it was placed, the client order id (from the
/// seeded generator), type, limit or reference price, size, and how the market model resolved it —
/// <c>filled</c>, <c>partially_filled</c> or <c>cancelled</c> (<see cref="CancelReason"/> says why).
/// </summary>
public sealed record BacktestOrder(
    DateTimeOffset Ts,
    string ProductId,
    string Side,
    string ClientOrderId,
    string Type,
    decimal Price,
    decimal Size,
    string Status,
    decimal FilledSize,
    decimal FillPrice,
    decimal Fee,
    string? CancelReason);
