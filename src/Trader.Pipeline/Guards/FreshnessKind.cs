namespace Trader.Pipeline.Guards;

/// <summary>The two data ages REQ-ST1 watches.</summary>
public enum FreshnessKind : byte
{
    /// <summary>An accepted quote; its time is the quote's TsRecv.</summary>
    Quote,
    /// <summary>A closed one-minute candle with at least one trade; its time is the candle's close.</summary>
    Ohlcv,
}
