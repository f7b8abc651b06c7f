namespace Trader.Domain.Trading;

/// <summary>DRY_RUN → PAPER → LIVE (REQ-M1). DRY_RUN is the default.</summary>
public enum TradingMode
{
    DryRun,
    Paper,
    Live,
}
