namespace Trader.Host.Import;

/// <summary>A product of the capture: its currencies and the increments the status snapshot announces.</summary>
public sealed record ImportedProduct(string ProductId, string BaseCurrency, string QuoteCurrency, decimal BaseIncrement, decimal QuoteIncrement)
{
    /// <summary>Quote increment = one unit of the finest price decimal seen (at least 0.01 for fiat quotes).</summary>
    public static ImportedProduct From(string productId, int priceScale)
    {
        var dash = productId.IndexOf('-');
        var baseCcy = dash > 0 ? productId[..dash] : productId;
        var quoteCcy = dash > 0 ? productId[(dash + 1)..] : "USD";
        var scale = Math.Clamp(priceScale, 0, 12);
        return new ImportedProduct(productId, baseCcy, quoteCcy, 0.00000001m, Pow10(-scale));
    }

    private static decimal Pow10(int exponent)
    {
        var value = 1m;
        for (var i = 0; i < -exponent; i++) value /= 10m;
        return value;
    }
}
