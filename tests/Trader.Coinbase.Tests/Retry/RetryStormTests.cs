using System.Text.Json;
using System.Text.Json.Nodes;
using Trader.Coinbase.Rest.Orders;
using Trader.Coinbase.Retry;
using Trader.Coinbase.Tests.Rest;
using Trader.Domain.Trading;
using Trader.Testing;

namespace Trader.Coinbase.Tests.Retry;

/// <summary>
/// A retry storm against a venue that is NOT idempotent (every POST that gets through creates a new order), so
/// any blind re-send would show up as a second order. The venue randomly refuses with 429 or 503 before
/// creating, or creates and then answers 502, drops the connection or never answers; lookups fail at random too.
/// Orders storm-5 and storm-17 meet a partition: the order is created, the answer never comes and every lookup fails.
/// </summary>
public sealed class RetryStormTests
{
    [Fact]
    [Trait("Req", "REQ-X1")]
    [Trait("Req", "REQ-CB1")]
    public async Task A_retry_storm_never_puts_two_orders_on_the_venue_for_one_client_order_id()
    {
        var clock = VirtualTime.Create();
        var timeout = TimeSpan.FromSeconds(15);
        var venue = new List<(string OrderId, string ClientOrderId)>();
        var random = new Random(1234);
        var gate = new object();
        string? lastClientOrderId = null;
        bool Partitioned() => lastClientOrderId is "storm-5" or "storm-17";

        ScriptedReply Answer(RecordedRequest r)
        {
            lock (gate)
            {
                var roll = random.NextDouble();
                if (r.Method == "GET")
                {
                    if (roll < 0.25 || Partitioned()) return ScriptedReply.Empty(503);
                    var orders = new JsonArray(venue.Select(o => (JsonNode)new JsonObject
                    {
                        ["order_id"] = o.OrderId, ["product_id"] = "BTC-USD", ["client_order_id"] = o.ClientOrderId,
                        ["side"] = "BUY", ["status"] = "OPEN",
                    }).ToArray());
                    return ScriptedReply.Json(new JsonObject { ["orders"] = orders, ["has_next"] = false, ["cursor"] = "" }.ToJsonString());
                }
                var clientOrderId = JsonNode.Parse(r.Body)!["client_order_id"]!.GetValue<string>();
                var firstSend = clientOrderId != lastClientOrderId;
                lastClientOrderId = clientOrderId;
                // Each order's first send walks through every fault in turn; later sends and lookups are random.
                if (firstSend) roll = new[] { 0.1, 0.2, 0.4, 0.5, 0.7, 0.9 }[int.Parse(clientOrderId["storm-".Length..]) % 6];
                if (Partitioned()) roll = 0.7;
                if (roll < 0.15) return ScriptedReply.Empty(429);
                if (roll < 0.30) return ScriptedReply.Empty(503);
                var orderId = "venue-" + (venue.Count + 1);
                venue.Add((orderId, clientOrderId));
                if (roll < 0.45) return ScriptedReply.Empty(502);
                if (roll < 0.60) return ScriptedReply.DropConnection;
                if (roll < 0.75) return ScriptedReply.HangForever;
                return ScriptedReply.Json(JsonSerializer.Serialize(new { success = true, success_response = new { order_id = orderId, client_order_id = clientOrderId } }));
            }
        }

        await using var server = await ScriptedServer.StartAsync(clock, Answer);
        using var test = new TestClient(clock, server.BaseUri, seed: 99, timeout: timeout);
        var placer = new OrderPlacer(test.Client);
        var outcomes = new List<OrderPlacementOutcome>();
        for (var i = 0; i < 25; i++)
        {
            var request = new CreateOrderRequest($"storm-{i}", "BTC-USD", OrderSide.Buy, OrderConfiguration.MarketBuyQuote(10m));
            outcomes.Add(await ClockDriver.RunAsync(clock, () => placer.CreateOrderResolvingAsync(request),
                ClockDriver.RetryWaitsAndHungRequestTimeouts(clock, server, timeout)));
        }

        foreach (var outcome in outcomes)
        {
            var onVenue = venue.Where(o => o.ClientOrderId == outcome.ClientOrderId).ToList();
            Assert.True(onVenue.Count <= 1, $"{outcome.ClientOrderId}: {onVenue.Count} orders on the venue");
            Assert.InRange(outcome.Sends, 1, RestRetryPolicy.MaxAttempts);
            switch (outcome.Kind)
            {
                case OrderPlacementKind.Placed:
                    Assert.Equal(onVenue.Single().OrderId, outcome.OrderId);
                    break;
                case OrderPlacementKind.Rejected:
                    Assert.Empty(onVenue);
                    break;
            }
        }
        // The storm really stormed: every path was taken.
        Assert.Contains(outcomes, o => o is { Kind: OrderPlacementKind.Placed, Lookups: 0 });
        Assert.Contains(outcomes, o => o is { Kind: OrderPlacementKind.Placed, ResolvedByLookup: true });
        Assert.Contains(outcomes, o => o is { Kind: OrderPlacementKind.Placed, Sends: > 1 });
        Assert.Equal(["storm-5", "storm-17"], outcomes.Where(o => o.Kind == OrderPlacementKind.Ambiguous).Select(o => o.ClientOrderId));
        Assert.Contains(outcomes, o => o is { Kind: OrderPlacementKind.Placed, Sends: > 1 });
        Assert.True(server.Count > 60, $"only {server.Count} requests");
    }
}
