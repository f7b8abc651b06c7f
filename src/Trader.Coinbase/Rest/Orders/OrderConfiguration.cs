namespace Trader.Coinbase.Rest.Orders;

/// <summary>
/// <c>order_configuration</c>: exactly one variant is set when we send; an order read back from the venue in
/// a variant we do not trade has none set.
/// </summary>
public sealed record OrderConfiguration(
    MarketMarketIoc? MarketMarketIoc = null,
    LimitLimitGtc? LimitLimitGtc = null,
    SorLimitIoc? SorLimitIoc = null)
{
    public static OrderConfiguration MarketBuyQuote(decimal quoteSize) => new(MarketMarketIoc: new MarketMarketIoc(QuoteSize: quoteSize));

    public static OrderConfiguration MarketBase(decimal baseSize) => new(MarketMarketIoc: new MarketMarketIoc(BaseSize: baseSize));

    public static OrderConfiguration LimitGtc(decimal baseSize, decimal limitPrice, bool postOnly) =>
        new(LimitLimitGtc: new LimitLimitGtc(baseSize, limitPrice, postOnly));

    public static OrderConfiguration LimitIoc(decimal baseSize, decimal limitPrice) => new(SorLimitIoc: new SorLimitIoc(baseSize, limitPrice));

    /// <summary>Null when the configuration can be sent, else why not.</summary>
    public string? Validate()
    {
        var set = (MarketMarketIoc is null ? 0 : 1) + (LimitLimitGtc is null ? 0 : 1) + (SorLimitIoc is null ? 0 : 1);
        if (set != 1) return $"order_configuration must have exactly one variant, it has {set}";
        if (MarketMarketIoc is { } m)
        {
            if ((m.QuoteSize is null) == (m.BaseSize is null)) return "market_market_ioc needs exactly one of quote_size and base_size";
            if ((m.QuoteSize ?? m.BaseSize) <= 0m) return "market_market_ioc size must be positive";
        }
        if (LimitLimitGtc is { } l && (l.BaseSize <= 0m || l.LimitPrice <= 0m)) return "limit_limit_gtc base_size and limit_price must be positive";
        if (SorLimitIoc is { } s && (s.BaseSize <= 0m || s.LimitPrice <= 0m)) return "sor_limit_ioc base_size and limit_price must be positive";
        return null;
    }
}
