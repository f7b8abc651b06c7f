using Trader.Domain.Trading;

namespace Trader.Domain.Portfolio;

/// <summary>
/// An order resting at (or in flight to) the venue. <see cref="WorstCasePrice"/> is the limit price of a limit
/// order, or for a market order the worst price it may fill at (execution's slippage bound), so that
/// <see cref="WorstCaseNotional"/> bounds the exposure it can still add (REQ-E2).
/// </summary>
public sealed record WorkingOrder(
    string ProductId,
    OrderSide Side,
    decimal RemainingSize,
    decimal WorstCasePrice,
    string? ClientOrderId = null)
{
    public decimal WorstCaseNotional => Math.Max(0m, RemainingSize) * Math.Max(0m, WorstCasePrice);
}
