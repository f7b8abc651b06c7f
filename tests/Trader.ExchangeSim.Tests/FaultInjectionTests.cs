using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Trader.ExchangeSim.Faults;
using Trader.ExchangeSim.Tests.Support;

namespace Trader.ExchangeSim.Tests;

/// <summary>Each fault of CONTRACTS.md §10 is observable by a client (probability 1 makes it certain).</summary>
public sealed class FaultInjectionTests
{
    private const string P = SimHarness.Prefix;

    private static Task<SimHarness> Start(string faults) =>
        SimHarness.StartAsync(o => o with { Faults = FaultOptions.Parse(faults) });

    private static JsonObject Heartbeats() => new() { ["type"] = "subscribe", ["channel"] = "heartbeats" };

    [Fact]
    public void The_fault_spec_parses_every_documented_item_and_names_bad_ones()
    {
        var f = FaultOptions.Parse("drop_ws=30s,seq_gap=0.001,stall=10s@5m,malformed=0.001,dup=0.001,http_5xx=0.05,http_429=0.05,timeout_after_accept=0.02,latency=50ms,ignore_subscribe=0.1");
        Assert.Equal(TimeSpan.FromSeconds(30), f.DropWebSocketAfter);
        Assert.Equal((TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(5)), (f.StallFor, f.StallEvery!.Value));
        Assert.Equal(TimeSpan.FromMilliseconds(50), f.Latency);
        Assert.Equal((0.001, 0.001, 0.001, 0.05, 0.05, 0.02, 0.1), (f.SequenceGap, f.Malformed, f.Duplicate, f.Http5xx, f.Http429, f.TimeoutAfterAccept, f.IgnoreSubscribe));
        Assert.Contains("bogus", Assert.Throws<FormatException>(() => FaultOptions.Parse("bogus=1")).Message);
        Assert.Contains("seq_gap", Assert.Throws<FormatException>(() => FaultOptions.Parse("seq_gap=2")).Message);
        Assert.Contains("stall", Assert.Throws<FormatException>(() => FaultOptions.Parse("stall=10s")).Message);
        Assert.Contains("latency", Assert.Throws<FormatException>(() => FaultOptions.Parse("latency=fast")).Message);
    }

    [Fact]
    public async Task Http_5xx_and_429_answer_without_executing()
    {
        await using (var sim = await Start("http_5xx=1"))
        {
            using var response = await sim.SendAsync(HttpMethod.Post, P + "/orders", SimHarness.Order("f", "BTC-USD", "BUY", "market_market_ioc", ("base_size", "0.01")));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Equal(1, sim.Sim.Faults.Http5xx);
            Assert.Equal(0m, sim.Sim.Balance("BTC").Balance);
        }
        await using (var sim = await Start("http_429=1"))
        {
            using var response = await sim.SendAsync(HttpMethod.Get, P + "/time");
            Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
            Assert.Equal(1, sim.Sim.Faults.Http429);
        }
    }

    [Fact]
    public async Task Timeout_after_accept_books_the_order_but_never_answers()
    {
        await using var sim = await Start("timeout_after_accept=1");
        await Assert.ThrowsAnyAsync<HttpRequestException>(() =>
            sim.SendAsync(HttpMethod.Post, P + "/orders", SimHarness.Order("amb-1", "BTC-USD", "BUY", "market_market_ioc", ("base_size", "0.01"))));
        Assert.Equal(1, sim.Sim.Faults.TimeoutsAfterAccept);
        var found = await sim.GetJsonAsync(P + "/orders/historical/batch?client_order_id=amb-1");
        Assert.Equal("FILLED", found["orders"]![0]!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Latency_delays_answers_on_the_simulators_clock()
    {
        await using var sim = await Start("latency=50ms");
        var start = sim.Clock.Now;
        var pending = sim.SendAsync(HttpMethod.Get, P + "/time");
        await Poll.UntilAsync(() => sim.Clock.NextDue == start.AddMilliseconds(50), "the latency timer");
        Assert.False(pending.IsCompleted);
        sim.Clock.AdvanceBy(TimeSpan.FromMilliseconds(50));
        using var response = await pending;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Duplicated_frames_repeat_their_sequence_number()
    {
        await using var sim = await Start("dup=1");
        await using var ws = await WsTestClient.ConnectAsync(sim.Sim.MarketWebSocketUrl);
        await ws.SendAsync(Heartbeats());
        var first = await ws.ReceiveAsync();
        Assert.Equal(first, await ws.ReceiveAsync());
        Assert.Equal(1, sim.Sim.Faults.DuplicatedFrames);
    }

    [Fact]
    public async Task Sequence_gaps_skip_a_number()
    {
        await using var sim = await Start("seq_gap=1");
        await using var ws = await WsTestClient.ConnectAsync(sim.Sim.MarketWebSocketUrl);
        await ws.SendAsync(Heartbeats());
        Assert.Equal(1, (await ws.ReceiveJsonAsync())["sequence_num"]!.GetValue<long>());
        sim.Clock.AdvanceBy(TimeSpan.FromSeconds(1));
        Assert.Equal(3, (await ws.ReceiveJsonAsync())["sequence_num"]!.GetValue<long>());
    }

    [Fact]
    public async Task Malformed_frames_are_not_json()
    {
        await using var sim = await Start("malformed=1");
        await using var ws = await WsTestClient.ConnectAsync(sim.Sim.MarketWebSocketUrl);
        await ws.SendAsync(Heartbeats());
        var text = await ws.ReceiveAsync();
        Assert.StartsWith("{\"channel\":\"subscriptions\"", text);
        Assert.ThrowsAny<JsonException>(() => JsonNode.Parse(text!));
    }

    [Fact]
    public async Task Connections_are_dropped_after_the_configured_time()
    {
        await using var sim = await Start("drop_ws=30s");
        await using var ws = await WsTestClient.ConnectAsync(sim.Sim.MarketWebSocketUrl);
        await ws.SendAsync(new JsonObject { ["type"] = "subscribe", ["channel"] = "level2", ["product_ids"] = new JsonArray("BTC-USD") });
        await ws.ReceiveAsync();
        await ws.ReceiveAsync();
        sim.Clock.AdvanceBy(TimeSpan.FromSeconds(29));
        Assert.Equal(0, sim.Sim.Faults.DroppedConnections);
        sim.Clock.AdvanceBy(TimeSpan.FromSeconds(1));
        Assert.Null(await ws.ReceiveAsync());
        Assert.Equal(1, sim.Sim.Faults.DroppedConnections);
    }

    [Fact]
    public async Task A_stall_holds_frames_until_it_ends()
    {
        await using var sim = await Start("stall=10s@1m");
        await using var ws = await WsTestClient.ConnectAsync(sim.Sim.MarketWebSocketUrl);
        await ws.SendAsync(new JsonObject { ["type"] = "subscribe", ["channel"] = "level2", ["product_ids"] = new JsonArray("BTC-USD") });
        await ws.ReceiveAsync();
        await ws.ReceiveAsync();
        var start = sim.Clock.Now;
        sim.Clock.AdvanceTo(start.AddSeconds(61));
        sim.Ingest(SimHarness.L2("BTC-USD", "update", [("bid", "59995", "1")]));
        await Poll.UntilAsync(() => sim.Sim.Faults.StalledFrames == 1, "the stall");
        var held = ws.NextAsync();
        Assert.False(held.IsCompleted);
        sim.Clock.AdvanceTo(start.AddSeconds(70));
        var frame = JsonNode.Parse((await ws.ReceiveAsync())!)!;
        Assert.Equal(start.AddSeconds(61), DateTimeOffset.Parse(frame["timestamp"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Ignored_subscribes_get_no_ack_and_the_connection_closes_at_the_deadline()
    {
        await using var sim = await Start("ignore_subscribe=1");
        await using var ws = await WsTestClient.ConnectAsync(sim.Sim.MarketWebSocketUrl);
        await Poll.UntilAsync(() => sim.Sim.WebSocketConnections == 1, "the connection");
        await ws.SendAsync(Heartbeats());
        await Poll.UntilAsync(() => sim.Sim.Faults.IgnoredSubscribes == 1, "the ignored subscribe");
        sim.Clock.AdvanceBy(TimeSpan.FromSeconds(5));
        Assert.Null(await ws.ReceiveAsync());
    }
}
