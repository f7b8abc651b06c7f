namespace Trader.Coinbase.Feed;

/// <summary>Why the feed does not vouch for a product (<see cref="Trader.Domain.Market.ProductHealth.Reason"/>).</summary>
public static class FeedHealthReasons
{
    /// <summary>No open connection.</summary>
    public const string FeedDown = "feed_down";

    /// <summary>Connected, but no ticker or book snapshot for the product since the connection opened.</summary>
    public const string AwaitingData = "awaiting_data";
}
