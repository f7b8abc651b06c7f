namespace Trader.Domain.Regime;

/// <summary>The market regime from BTC-USD (REQ-U3). Its lower-case name is the key in config.</summary>
public enum MarketRegime
{
    Chop,
    Bull,
    Bear,
    Crash,
}
