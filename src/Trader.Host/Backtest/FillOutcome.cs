using Trader.Domain.Sizing;

namespace Trader.Host.Backtest;

/// <summary>What the market model did with one order on one candle: a fill (size, price, fee, role), or none and why.</summary>
public readonly record struct FillOutcome(decimal Size, decimal Price, decimal Fee, LiquidityRole Role, string? CancelReason)
{
    public bool Filled => Size > 0m;

    public static FillOutcome None(string reason) => new(0m, 0m, 0m, LiquidityRole.Taker, reason);
}
