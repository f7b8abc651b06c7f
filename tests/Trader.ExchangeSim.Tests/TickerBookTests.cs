using System.Text.Json.Nodes;
using Trader.ExchangeSim.Tests.Support;

namespace Trader.ExchangeSim.Tests;

/// <summary>
/// A feed without level 2 (captures synthesized from bars carry only ticker and trades): each ticker's best bid and ask
/// with their quantities become the product's book, so orders match the fed prices; level 2, once seen, wins.
/// </summary>
public sealed class TickerBookTests
{
    private const string P = SimHarness.Prefix;

    private static string S(JsonNode? node) => node!.GetValue<string>();

    private static string Ticker(string productId, string bid, string bidSize, string ask, string askSize) => new JsonObject
    {
        ["channel"] = "ticker", ["timestamp"] = "2018-04-04T00:00:00Z", ["sequence_num"] = 0,
        ["events"] = new JsonArray
        {
            new JsonObject
            {
                ["type"] = "update",
                ["tickers"] = new JsonArray
                {
                    new JsonObject
                    {
                        ["type"] = "ticker", ["product_id"] = productId, ["price"] = bid,
                        ["best_bid"] = bid, ["best_bid_quantity"] = bidSize, ["best_ask"] = ask, ["best_ask_quantity"] = askSize,
                    },
                },
            },
        },
    }.ToJsonString();

    [Fact]
    public async Task Without_level_2_the_latest_ticker_top_is_the_book_orders_match()
    {
        await using var sim = await SimHarness.StartAsync(seedBook: false);
        sim.Ingest(Ticker("LTC-USD", "116.50", "10", "116.60", "2"));
        sim.Ingest(Ticker("LTC-USD", "117.10", "8", "117.20", "3"));

        var book = (await sim.GetJsonAsync($"{P}/product_book?product_id=LTC-USD"))["pricebook"]!;
        Assert.Equal(("117.1", "117.2"), (S(book["bids"]![0]!["price"]), S(book["asks"]![0]!["price"])));
        Assert.Single(book["bids"]!.AsArray());
        Assert.Single(book["asks"]!.AsArray());

        var created = await sim.PlaceAsync(SimHarness.Order("t-1", "LTC-USD", "BUY", "market_market_ioc", ("base_size", "1")));
        var order = (await sim.GetJsonAsync($"{P}/orders/historical/{S(created["success_response"]!["order_id"])}"))["order"]!;
        Assert.Equal("FILLED", S(order["status"]));
        Assert.Equal("117.2", S(order["filled_value"]));
    }

    [Fact]
    public async Task Once_level_2_arrives_tickers_no_longer_replace_the_book()
    {
        await using var sim = await SimHarness.StartAsync();   // BTC-USD has a level-2 book: 59990 / 60000
        sim.Ingest(Ticker("BTC-USD", "50000", "1", "50010", "1"));

        var book = (await sim.GetJsonAsync($"{P}/product_book?product_id=BTC-USD"))["pricebook"]!;
        Assert.Equal(("59990", "60000"), (S(book["bids"]![0]!["price"]), S(book["asks"]![0]!["price"])));
    }
}
