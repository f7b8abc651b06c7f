namespace Trader.State.Fills;

/// <summary>Whether a fill added (maker) or took (taker) liquidity; unknown when the venue did not say.</summary>
public enum Liquidity
{
    Unknown,
    Maker,
    Taker,
}
