namespace Trader.Host.Backtest;

/// <summary>
/// The account after one cycle: net asset value marked at the quotes' mid, and the high-water mark its drawdown is
/// measured from. The drawdown is divided out when read (the report reads it; the run needs only its maximum).
/// </summary>
public readonly record struct EquityPoint(DateTimeOffset Ts, decimal Nav, decimal HighWaterMark)
{
    /// <summary>(high-water mark − NAV) / high-water mark × 100; zero at a new high.</summary>
    public decimal DrawdownPct => DrawdownOf(Nav, HighWaterMark);

    /// <summary>Zero at a new high (NAV never exceeds the high-water mark), without the division.</summary>
    public static decimal DrawdownOf(decimal nav, decimal highWaterMark) =>
        highWaterMark > 0m && nav < highWaterMark ? (highWaterMark - nav) / highWaterMark * 100m : 0m;
}
