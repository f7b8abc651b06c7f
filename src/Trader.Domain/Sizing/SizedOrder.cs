using Trader.Domain.Trading;

namespace Trader.Domain.Sizing;

/// <summary>
/// An order size the venue accepts: base size on the product's base increment, price on its price increment.
/// <see cref="Notional"/> = size × price; <see cref="ExpectedFee"/> at the role's fee rate;
/// <see cref="NetNotional"/> = notional − fee (what must still meet the minimum notional).
/// </summary>
public sealed record SizedOrder(
    string ProductId,
    OrderSide Side,
    decimal BaseSize,
    decimal Price,
    decimal Notional,
    decimal ExpectedFee,
    LiquidityRole Role)
{
    public decimal NetNotional => Notional - ExpectedFee;
}
