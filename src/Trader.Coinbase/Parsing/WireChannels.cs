namespace Trader.Coinbase.Parsing;

/// <summary>
/// Channel names of the Advanced Trade WebSocket. Subscribe names and the names frames carry differ only for
/// level 2: one subscribes to <c>level2</c> and receives <c>l2_data</c>.
/// </summary>
public static class WireChannels
{
    public const string Level2 = "level2";
    public const string L2Data = "l2_data";
    public const string Ticker = "ticker";
    public const string TickerBatch = "ticker_batch";
    public const string MarketTrades = "market_trades";
    public const string Candles = "candles";
    public const string Status = "status";
    public const string Heartbeats = "heartbeats";
    public const string Subscriptions = "subscriptions";
    public const string User = "user";
    public const string FuturesBalanceSummary = "futures_balance_summary";

    /// <summary>The channel name a subscription's frames carry (<c>level2</c> → <c>l2_data</c>).</summary>
    public static string EmittedName(string subscribeName) => subscribeName == Level2 ? L2Data : subscribeName;

    /// <summary>The name to subscribe with for a channel frames carry (<c>l2_data</c> → <c>level2</c>).</summary>
    public static string SubscribeName(string emittedName) => emittedName == L2Data ? Level2 : emittedName;
}
