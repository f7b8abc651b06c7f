namespace Trader.Host.Replay;

/// <summary>A position held at the end of a PAPER replay: size, average cost (fees excluded) and the last mid.</summary>
public sealed record OpenPosition(string ProductId, decimal Size, decimal AverageCost, decimal? Mark)
{
    /// <summary>(mark − average cost) × size, before the fees of a future exit; null without a mark.</summary>
    public decimal? UnrealizedPnl => Mark is { } m ? (m - AverageCost) * Size : null;
}
