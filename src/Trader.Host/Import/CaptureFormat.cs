namespace Trader.Host.Import;

/// <summary>Shipped market-data formats <c>trader capture import</c> reads (CONTRACTS.md §1).</summary>
public enum CaptureFormat
{
    LeanQuote,
    LeanTrade,
    Cryptofeed,
    CandlesCsv,
}
