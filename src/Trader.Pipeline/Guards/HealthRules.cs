using Trader.Domain.Market;

namespace Trader.Pipeline.Guards;

/// <summary>
/// REQ-EX1, data side: what a product's health is from its last venue status and the feed connection.
/// A product whose status was never reported is unhealthy (status <c>unknown</c>): nothing is traded on a
/// product the venue has not confirmed online. While the feed is down every product is unhealthy with
/// <c>feed_down</c> and status <see cref="ProductStatus.Unknown"/> (the venue status cannot be known then).
/// </summary>
public static class HealthRules
{
    public static ProductHealth Combine(ProductStatus status, bool feedUp) =>
        !feedUp ? new ProductHealth(ProductStatus.Unknown, ReasonCodes.FeedDown)
        : status == ProductStatus.Online ? ProductHealth.Online
        : new ProductHealth(status, ReasonCodes.ProductUnhealthy);

    /// <summary>The wire name of a status (<c>trading_disabled</c>, …), for messages.</summary>
    public static string WireName(ProductStatus status) => status switch
    {
        ProductStatus.Online => "online",
        ProductStatus.Offline => "offline",
        ProductStatus.Delisted => "delisted",
        ProductStatus.TradingDisabled => "trading_disabled",
        ProductStatus.CancelOnly => "cancel_only",
        ProductStatus.LimitOnly => "limit_only",
        ProductStatus.PostOnly => "post_only",
        _ => "unknown",
    };
}
