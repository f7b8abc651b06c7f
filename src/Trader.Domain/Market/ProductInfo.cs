namespace Trader.Domain.Market;

/// <summary>Static trading rules of a product (increments and minimums), from the venue.</summary>
public sealed record ProductInfo(
    string ProductId,
    string BaseCurrency,
    string QuoteCurrency,
    decimal BaseIncrement,
    decimal QuoteIncrement,
    decimal PriceIncrement,
    decimal BaseMinSize,
    decimal QuoteMinSize)
{
    /// <summary>Sensible defaults for a USD spot product when the venue has not told us yet.</summary>
    public static ProductInfo DefaultUsd(string productId)
    {
        var dash = productId.IndexOf('-');
        var baseCcy = dash > 0 ? productId[..dash] : productId;
        var quoteCcy = dash > 0 ? productId[(dash + 1)..] : "USD";
        return new ProductInfo(productId, baseCcy, quoteCcy, 0.00000001m, 0.01m, 0.01m, 0.00000001m, 1m);
    }
}
