namespace Trader.Pipeline.Alerts;

/// <summary>The alert kinds the market-data guards raise (CONTRACTS.md §7).</summary>
public static class AlertKinds
{
    public const string Staleness = "staleness";
    public const string ProductHealth = "product_health";
    public const string FeedDown = "feed_down";
    public const string Slo = "slo";
}
