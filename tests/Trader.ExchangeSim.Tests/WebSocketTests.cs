using System.Net.WebSockets;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Trader.ExchangeSim.Tests.Support;

namespace Trader.ExchangeSim.Tests;

/// <summary>The Advanced Trade WebSocket protocol: subscribe/ack, heartbeats, snapshots then updates, one sequence
/// counter per connection, the user channel, and the 5 s subscribe deadline — all on the simulator's virtual clock.</summary>
public sealed partial class WebSocketTests
{
    private static string S(JsonNode? node) => node!.GetValue<string>();
    private static long Seq(JsonObject frame) => frame["sequence_num"]!.GetValue<long>();

    [GeneratedRegex(@"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d+)? \+0000 UTC m=\+\d+\.\d{9}$")]
    private static partial Regex GoTime();

    private static JsonObject Subscribe(string channel, params string[] products)
    {
        var message = new JsonObject { ["type"] = "subscribe", ["channel"] = channel };
        if (products.Length > 0) message["product_ids"] = new JsonArray(products.Select(p => (JsonNode)p).ToArray());
        return message;
    }

    [Fact]
    public async Task Heartbeats_come_every_second_with_an_integer_counter_and_a_go_time()
    {
        await using var sim = await SimHarness.StartAsync();
        await using var ws = await WsTestClient.ConnectAsync(sim.Sim.MarketWebSocketUrl);
        await ws.SendAsync(Subscribe("heartbeats"));
        var ack = await ws.ReceiveJsonAsync();
        Assert.Equal("subscriptions", S(ack["channel"]));
        Assert.False(ack.ContainsKey("client_id"));                    // market endpoint: no client_id
        Assert.Equal(0, Seq(ack));
        Assert.True(ack["events"]![0]!["subscriptions"]!.AsObject().ContainsKey("heartbeats"));

        for (var i = 1; i <= 2; i++)
        {
            sim.Clock.AdvanceBy(TimeSpan.FromSeconds(1));
            var beat = await ws.ReceiveJsonAsync();
            Assert.Equal("heartbeats", S(beat["channel"]));
            Assert.Equal(i, Seq(beat));
            var ev = beat["events"]![0]!;
            Assert.Equal(i, ev["heartbeat_counter"]!.GetValue<long>());
            Assert.Matches(GoTime(), S(ev["current_time"]));
            Assert.Equal(sim.Clock.Now, DateTimeOffset.Parse(S(beat["timestamp"])));
        }
    }

    [Fact]
    public async Task Level2_sends_a_sorted_snapshot_then_absolute_updates_on_one_sequence()
    {
        await using var sim = await SimHarness.StartAsync();
        await using var ws = await WsTestClient.ConnectAsync(sim.Sim.MarketWebSocketUrl);
        await ws.SendAsync(Subscribe("level2", "BTC-USD"));
        var snapshot = await ws.ReceiveJsonAsync();
        Samples.AssertHasFieldsOf(Samples.Load("ws-recorded-level2-snapshot-truncated.json"), snapshot);
        Assert.Equal(("l2_data", 0L), (S(snapshot["channel"]), Seq(snapshot)));
        var ev = snapshot["events"]![0]!;
        Assert.Equal(("snapshot", "BTC-USD"), (S(ev["type"]), S(ev["product_id"])));
        var levels = ev["updates"]!.AsArray().Select(u => (S(u!["side"]), S(u["price_level"]))).ToArray();
        Assert.Equal([("bid", "59990"), ("bid", "59980"), ("offer", "60000"), ("offer", "60010")], levels);
        var ack = await ws.ReceiveJsonAsync();
        Assert.Equal(("subscriptions", 1L), (S(ack["channel"]), Seq(ack)));

        sim.Ingest(SimHarness.L2("BTC-USD", "update", [("bid", "59990", "0"), ("offer", "60005", "0.3")]));
        var update = await ws.ReceiveJsonAsync();
        Assert.Equal(2, Seq(update));
        var changes = update["events"]![0]!["updates"]!.AsArray().Select(u => (S(u!["side"]), S(u["price_level"]), S(u["new_quantity"]))).ToArray();
        Assert.Equal([("bid", "59990", "0"), ("offer", "60005", "0.3")], changes);
        sim.Ingest(SimHarness.L2("ETH-USD", "update", [("bid", "2998", "1")]));   // not subscribed: nothing arrives
        sim.Ingest(SimHarness.L2("BTC-USD", "update", [("bid", "59985", "2")]));
        Assert.Equal("59985", S((await ws.ReceiveJsonAsync())["events"]![0]!["updates"]![0]!["price_level"]));
    }

    [Fact]
    public async Task Market_trades_snapshot_then_updates_with_the_maker_side_and_a_ticker_snapshot()
    {
        await using var sim = await SimHarness.StartAsync();
        sim.Ingest(SimHarness.Trades("BTC-USD", "500", "60000", "0.1", "SELL"));
        await using var ws = await WsTestClient.ConnectAsync(sim.Sim.MarketWebSocketUrl);
        await ws.SendAsync(Subscribe("market_trades", "BTC-USD"));
        var snapshot = await ws.ReceiveJsonAsync();
        Samples.AssertHasFieldsOf(Samples.Load("ws-market-trades-snapshot.json")["events"], snapshot["events"]);
        Assert.Equal(("snapshot", "500"), (S(snapshot["events"]![0]!["type"]), S(snapshot["events"]![0]!["trades"]![0]!["trade_id"])));
        await ws.ReceiveJsonAsync(); // ack

        await sim.PlaceAsync(SimHarness.Order("t-1", "BTC-USD", "BUY", "market_market_ioc", ("base_size", "0.2")));
        var update = await ws.ReceiveJsonAsync();
        var trade = update["events"]![0]!["trades"]![0]!;
        Assert.Equal(("update", "SELL", "60000", "0.2"), (S(update["events"]![0]!["type"]), S(trade["side"]), S(trade["price"]), S(trade["size"])));

        await ws.SendAsync(Subscribe("ticker", "BTC-USD"));
        var ticker = await ws.ReceiveChannelAsync("ticker");
        Samples.AssertHasFieldsOf(Samples.Load("ws-ticker.json")["events"], ticker["events"]);
        Assert.Equal("59990", S(ticker["events"]![0]!["tickers"]![0]!["best_bid"]));
    }

    [Fact]
    public async Task User_channel_needs_a_jwt_then_sends_a_snapshot_and_cumulative_updates_after_fills()
    {
        await using var sim = await SimHarness.StartAsync();
        var resting = await sim.PlaceAsync(SimHarness.Order("u-0", "BTC-USD", "SELL", "limit_limit_gtc", ("base_size", "0.01"), ("limit_price", "61000")));
        Assert.False(resting["success"]!.GetValue<bool>()); // no BTC yet: refused, so the snapshot below is empty

        await using var ws = await WsTestClient.ConnectAsync(sim.Sim.UserWebSocketUrl);
        await ws.SendAsync(new JsonObject { ["type"] = "subscribe", ["channel"] = "user", ["product_ids"] = new JsonArray("BTC-USD"), ["jwt"] = "bad.token.here" });
        Assert.Equal("authentication failure", S((await ws.ReceiveJsonAsync())["message"]));

        await ws.SendAsync(new JsonObject { ["type"] = "subscribe", ["channel"] = "user", ["product_ids"] = new JsonArray("BTC-USD"), ["jwt"] = sim.Keys.WebSocket(sim.Clock.Now, ed: true) });
        var snapshot = await ws.ReceiveJsonAsync();
        Samples.AssertHasFieldsOf(Samples.Load("ws-recorded-user-snapshot-empty.json"), snapshot);
        Assert.Equal(("user", "", 0L), (S(snapshot["channel"]), S(snapshot["client_id"]), Seq(snapshot)));
        Assert.Empty(snapshot["events"]![0]!["orders"]!.AsArray());
        var ack = await ws.ReceiveJsonAsync();
        Samples.AssertHasFieldsOf(Samples.Load("ws-recorded-subscriptions-ack.json"), ack);
        Assert.Equal(sim.Sim.Options.UserId, S(ack["events"]![0]!["subscriptions"]!["user"]![0]));

        await sim.PlaceAsync(SimHarness.Order("u-1", "BTC-USD", "BUY", "market_market_ioc", ("base_size", "0.6")));
        var filled = await ws.ReceiveJsonAsync();
        Assert.Equal(2, Seq(filled));
        var order = filled["events"]![0]!["orders"]![0]!;
        Samples.AssertHasFieldsOf(Samples.Load("ws-user-snapshot.json")["events"]![0]!["orders"]![0], order);
        Assert.Equal(("update", "FILLED", "0.6", "216.006", "2"), (S(filled["events"]![0]!["type"]), S(order["status"]), S(order["cumulative_quantity"]), S(order["total_fees"]), S(order["number_of_fills"])));

        await sim.PlaceAsync(SimHarness.Order("u-2", "BTC-USD", "SELL", "limit_limit_gtc", ("base_size", "0.5"), ("limit_price", "61000"), ("post_only", true)));
        var open = (await ws.ReceiveJsonAsync())["events"]![0]!["orders"]![0]!;
        Assert.Equal(("OPEN", "0.5", "0"), (S(open["status"]), S(open["leaves_quantity"]), S(open["cumulative_quantity"])));
        sim.Ingest(SimHarness.Trades("BTC-USD", "900", "61000.01", "2", "SELL"));   // prints through our offer
        var made = (await ws.ReceiveJsonAsync())["events"]![0]!["orders"]![0]!;
        Assert.Equal(("FILLED", "0.5", "0", "122"), (S(made["status"]), S(made["cumulative_quantity"]), S(made["leaves_quantity"]), S(made["total_fees"])));

        await sim.PlaceAsync(SimHarness.Order("u-3", "BTC-USD", "SELL", "limit_limit_gtc", ("base_size", "0.05"), ("limit_price", "62000")));
        await ws.ReceiveJsonAsync();
        await using var late = await WsTestClient.ConnectAsync(sim.Sim.UserWebSocketUrl);
        await late.SendAsync(new JsonObject { ["type"] = "subscribe", ["channel"] = "user", ["jwt"] = sim.Keys.WebSocket(sim.Clock.Now) });
        var lateSnapshot = await late.ReceiveJsonAsync();
        Assert.Equal("u-3", S(lateSnapshot["events"]![0]!["orders"]![0]!["client_order_id"]));
    }

    [Fact]
    public async Task Channels_are_checked_per_endpoint_and_unsubscribe_is_acknowledged()
    {
        await using var sim = await SimHarness.StartAsync();
        await using var user = await WsTestClient.ConnectAsync(sim.Sim.UserWebSocketUrl);
        await user.SendAsync(Subscribe("level2", "BTC-USD"));
        Assert.Equal("error", S((await user.ReceiveJsonAsync())["type"]));

        await using var market = await WsTestClient.ConnectAsync(sim.Sim.MarketWebSocketUrl);
        await market.SendAsync(Subscribe("user"));
        Assert.Equal("authentication failure", S((await market.ReceiveJsonAsync())["message"]));
        await market.SendAsync(Subscribe("level2", "NOPE-USD"));
        Assert.Equal("failure to subscribe", S((await market.ReceiveJsonAsync())["message"]));
        await market.SendAsync(Subscribe("status"));
        var status = await market.ReceiveJsonAsync();
        Samples.AssertHasFieldsOf(Samples.Load("ws-status.json")["events"], status["events"]);
        await market.ReceiveJsonAsync();
        await market.SendAsync(new JsonObject { ["type"] = "unsubscribe", ["channel"] = "status" });
        var ack = await market.ReceiveJsonAsync();
        Assert.Equal("subscriptions", S(ack["channel"]));
        Assert.False(ack["events"]![0]!["subscriptions"]!.AsObject().ContainsKey("status"));
    }

    [Fact]
    public async Task A_connection_without_a_subscribe_is_closed_after_5_seconds()
    {
        await using var sim = await SimHarness.StartAsync();
        await using var ws = await WsTestClient.ConnectAsync(sim.Sim.MarketWebSocketUrl);
        await Poll.UntilAsync(() => sim.Sim.WebSocketConnections == 1, "the connection");
        var next = ws.NextAsync();
        sim.Clock.AdvanceBy(TimeSpan.FromSeconds(4.9));
        Assert.False(next.IsCompleted);
        sim.Clock.AdvanceBy(TimeSpan.FromSeconds(0.1));
        Assert.Null(await ws.ReceiveAsync());
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, ws.CloseStatus);
    }

    [Fact]
    public async Task Candles_start_with_the_current_five_minute_bar_and_update_once_a_second_when_it_changed()
    {
        await using var sim = await SimHarness.StartAsync();
        sim.Ingest(SimHarness.Trades("ETH-USD", "10", "3000", "1", "BUY"));
        await using var ws = await WsTestClient.ConnectAsync(sim.Sim.MarketWebSocketUrl);
        await ws.SendAsync(Subscribe("candles", "ETH-USD"));
        var snapshot = await ws.ReceiveJsonAsync();
        Samples.AssertHasFieldsOf(Samples.Load("ws-candles.json")["events"], snapshot["events"]);
        Assert.Equal(sim.Clock.Now.ToUnixTimeSeconds() / 300 * 300, long.Parse(S(snapshot["events"]![0]!["candles"]![0]!["start"])));
        await ws.ReceiveJsonAsync(); // ack
        sim.Ingest(SimHarness.Trades("ETH-USD", "11", "3010", "2", "SELL"));
        sim.Clock.AdvanceBy(TimeSpan.FromSeconds(1));
        var candle = (await ws.ReceiveJsonAsync())["events"]![0]!["candles"]![0]!;
        Assert.Equal(("3000", "3010", "3010", "3"), (S(candle["open"]), S(candle["high"]), S(candle["close"]), S(candle["volume"])));
    }

    [Fact]
    public async Task A_subscription_without_heartbeats_that_gets_nothing_for_90_seconds_is_closed()
    {
        await using var sim = await SimHarness.StartAsync();
        await using var ws = await WsTestClient.ConnectAsync(sim.Sim.MarketWebSocketUrl);
        await ws.SendAsync(Subscribe("level2", "ETH-USD"));
        await ws.ReceiveAsync();
        await ws.ReceiveAsync();
        var next = ws.NextAsync();
        sim.Clock.AdvanceBy(TimeSpan.FromSeconds(89));
        Assert.False(next.IsCompleted);
        sim.Clock.AdvanceBy(TimeSpan.FromSeconds(1));
        Assert.Null(await ws.ReceiveAsync());
        Assert.Equal(WebSocketCloseStatus.NormalClosure, ws.CloseStatus);
    }
}
