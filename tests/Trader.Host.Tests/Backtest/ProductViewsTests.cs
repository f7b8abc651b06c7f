using Trader.Domain.Market;
using Trader.Host.Backtest;

namespace Trader.Host.Tests.Backtest;

public sealed class ProductViewsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static ProductMarketView View(string productId, decimal price) =>
        new(productId, new Quote(price - 0.5m, price + 0.5m, price, T0, T0), null, 1_000_000m,
            ProductInfo.DefaultUsd(productId), ProductHealth.Online, QuoteStale: false, OhlcvStale: false);

    [Fact]
    public void A_product_is_in_the_views_from_its_first_quote_on_and_a_new_minute_replaces_its_view_in_place()
    {
        var views = new ProductViews(["BTC-USD", "ETH-USD"]);
        Assert.Equal(1, views.IndexOf(new string("ETH-USD".AsSpan()))); // looked up by value, as config ids are
        Assert.Equal(-1, views.IndexOf("SOL-USD"));
        Assert.Empty(views);
        Assert.False(views.ContainsKey("BTC-USD"));
        Assert.Null(views.At(0));

        var first = View("ETH-USD", 2_000m);
        views.Set(1, first);
        Assert.Single(views);
        Assert.Same(first, views["ETH-USD"]);
        Assert.False(views.TryGetValue("BTC-USD", out _));
        Assert.Throws<KeyNotFoundException>(() => views["BTC-USD"]);

        var btc = View("BTC-USD", 60_000m);
        var next = View("ETH-USD", 2_001m);
        views.Set(0, btc);
        views.Set(1, next);
        Assert.Equal(2, views.Count);
        Assert.True(views.TryGetValue("ETH-USD", out var eth));
        Assert.Same(next, eth);
        Assert.Equal(["BTC-USD", "ETH-USD"], views.Keys);
        Assert.Equal([btc, next], views.Values);
    }
}
