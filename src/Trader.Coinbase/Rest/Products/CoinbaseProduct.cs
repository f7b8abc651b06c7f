using System.Text.Json.Serialization;
using Trader.Domain.Market;

namespace Trader.Coinbase.Rest.Products;

/// <summary>A product of <c>GET /products[/{id}]</c>: increments, limits and the trading flags.</summary>
public sealed record CoinbaseProduct(
    [property: JsonRequired] string ProductId,
    decimal? Price,
    [property: JsonRequired] decimal BaseIncrement,
    [property: JsonRequired] decimal QuoteIncrement,
    decimal? PriceIncrement,
    [property: JsonRequired] decimal BaseMinSize,
    decimal? BaseMaxSize,
    [property: JsonRequired] decimal QuoteMinSize,
    decimal? QuoteMaxSize,
    string? Status,
    bool CancelOnly,
    bool LimitOnly,
    bool PostOnly,
    bool TradingDisabled,
    bool IsDisabled,
    bool AuctionMode,
    string? ProductType,
    string? BaseCurrencyId,
    string? QuoteCurrencyId)
{
    /// <summary>The domain's trading rules; the price increment falls back to the quote increment.</summary>
    public ProductInfo ToProductInfo()
    {
        var dash = ProductId.IndexOf('-');
        var baseCcy = string.IsNullOrEmpty(BaseCurrencyId) ? (dash > 0 ? ProductId[..dash] : ProductId) : BaseCurrencyId;
        var quoteCcy = string.IsNullOrEmpty(QuoteCurrencyId) ? (dash > 0 ? ProductId[(dash + 1)..] : "") : QuoteCurrencyId;
        return new ProductInfo(ProductId, baseCcy, quoteCcy, BaseIncrement, QuoteIncrement,
            PriceIncrement ?? QuoteIncrement, BaseMinSize, QuoteMinSize);
    }
}
