namespace Trader.Domain.Sizing;

/// <summary>Whether an order adds liquidity (maker fee) or takes it (taker fee).</summary>
public enum LiquidityRole
{
    Maker,
    Taker,
}
