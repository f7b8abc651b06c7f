namespace Trader.Pipeline.Guards;

/// <summary>The reason codes the market-data guards block or reject with (CONTRACTS.md §7).</summary>
public static class ReasonCodes
{
    public const string StaleQuote = "stale_quote";
    public const string StaleOhlcv = "stale_ohlcv";
    public const string Outlier = "outlier";
    public const string WideSpread = "wide_spread";
    public const string ProductUnhealthy = "product_unhealthy";
    /// <summary>The market-data feed is disconnected: every product is blocked until it reconnects.</summary>
    public const string FeedDown = "feed_down";
}
