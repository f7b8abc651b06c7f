using Trader.State.Positions;

namespace Trader.Host.Execution;

/// <summary>PnL of a position at a mark price (the stored position holds average cost, realized PnL and fees).</summary>
public static class PositionMath
{
    /// <summary>(mark − average cost) × size held; zero when flat.</summary>
    public static decimal UnrealizedPnl(PositionRecord position, decimal mark) =>
        position.BaseSize == 0m ? 0m : (mark - position.AverageCost) * position.BaseSize;

    /// <summary>Realized PnL − fees + unrealized PnL at <paramref name="mark"/>.</summary>
    public static decimal TotalNetPnl(PositionRecord position, decimal mark) => position.NetRealizedPnl + UnrealizedPnl(position, mark);
}
