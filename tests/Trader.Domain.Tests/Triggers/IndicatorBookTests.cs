using Trader.Domain.Tests.Support;
using Trader.Domain.Triggers;

namespace Trader.Domain.Tests.Triggers;

public sealed class IndicatorBookTests
{
    [Fact]
    [Trait("Req", "REQ-S1")]
    public void The_book_keeps_one_state_per_product_and_feeds_btc_usd_to_the_regime_indicator()
    {
        var settings = IndicatorSettings.From(new Trader.Domain.Config.TraderConfig());
        var book = new IndicatorBook(settings);
        var btc = Candles.Series(8 * 24 * 60 + 61, i => 50_000m + i);
        var sol = Candles.Series(30, i => 100m + i);
        foreach (var candle in btc) Assert.True(book.Update("BTC-USD", candle));
        foreach (var candle in sol) book.Update("SOL-USD", candle);
        Assert.False(book.Update("SOL-USD", sol[0]));

        var readings = book.Readings;
        Assert.Equal(BatchIndicators.Compute(btc, settings), readings["BTC-USD"]);
        Assert.Equal(BatchIndicators.Compute(sol, settings), readings["SOL-USD"]);
        Assert.True(book.Regime.HasSevenDays);
        Assert.True(book.Regime.TrendPct7d > 0m);

        book.Update("SOL-USD", sol[^1] with { Start = sol[^1].Start.AddMinutes(1), Close = 500m });
        Assert.Equal(129m, readings["SOL-USD"].Close); // a taken snapshot does not change afterwards
    }

    [Fact]
    [Trait("Req", "REQ-S1")]
    public void The_current_readings_read_through_to_the_book_in_product_order_and_hand_out_the_same_readings_as_a_copy()
    {
        var settings = IndicatorSettings.From(new Trader.Domain.Config.TraderConfig());
        var book = new IndicatorBook(settings);
        var sol = Candles.Series(90, i => 100m + i);
        var btc = Candles.Series(90, i => 50_000m - i);
        foreach (var (s, b) in sol.Zip(btc))
        {
            book.Update("SOL-USD", s);
            book.Update("BTC-USD", b);
        }

        var current = book.Current;
        Assert.Equal(2, current.Count);
        Assert.Equal(["BTC-USD", "SOL-USD"], current.Keys);
        Assert.Equal(book.Readings.OrderBy(e => e.Key, StringComparer.Ordinal), current);
        Assert.Same(current["SOL-USD"], book.Readings["SOL-USD"]); // one reading per candle, computed once
        Assert.True(current.ContainsKey("BTC-USD"));
        Assert.False(current.TryGetValue("ETH-USD", out _));
        Assert.Throws<KeyNotFoundException>(() => current["ETH-USD"]);

        book.Update("SOL-USD", sol[^1] with { Start = sol[^1].Start.AddMinutes(1), Close = 500m });
        Assert.Equal(500m, current["SOL-USD"].Close); // unlike a copy, it follows the book
        Assert.Equal(BatchIndicators.Compute([.. sol, sol[^1] with { Start = sol[^1].Start.AddMinutes(1), Close = 500m }], settings), current["SOL-USD"]);
    }
}
