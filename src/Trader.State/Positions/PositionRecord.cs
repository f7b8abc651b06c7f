namespace Trader.State.Positions;

/// <summary>
/// A spot position. Average cost is the volume-weighted entry price of what is held (fees excluded); realized PnL is
/// Σ (exit price − average cost) × size closed, before fees; <see cref="Fees"/> is every fee paid on the product, so
/// net realized PnL = <see cref="RealizedPnl"/> − <see cref="Fees"/>.
/// </summary>
public sealed record PositionRecord(
    string ProductId,
    decimal BaseSize,
    decimal AverageCost,
    decimal RealizedPnl,
    decimal Fees,
    DateTimeOffset UpdatedTs)
{
    public bool IsOpen => BaseSize != 0m;

    public decimal NetRealizedPnl => RealizedPnl - Fees;

    public static PositionRecord Flat(string productId, DateTimeOffset ts) => new(productId, 0m, 0m, 0m, 0m, ts);
}
