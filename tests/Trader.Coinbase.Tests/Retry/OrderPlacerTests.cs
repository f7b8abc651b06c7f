using Trader.Coinbase.Rest;
using Trader.Coinbase.Rest.Orders;
using Trader.Coinbase.Retry;
using Trader.Coinbase.Tests.Rest;
using Trader.Domain.Trading;
using Trader.Pipeline.Clock;
using Trader.Testing;

namespace Trader.Coinbase.Tests.Retry;

/// <summary>
/// REQ-CB1 for create-order: never re-sent blindly. A timeout, a 5xx or a connection lost after sending makes the
/// outcome ambiguous and goes to the client-order-id lookup; only a lookup that proves the order absent allows a
/// re-send, with the same client order id. 429 and connection refused are safe to re-send.
/// </summary>
public sealed class OrderPlacerTests
{
    private const int Seed = 7;
    private const string Orders = "/api/v3/brokerage/orders";
    private const string List = "/api/v3/brokerage/orders/historical/batch";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private static readonly CreateOrderRequest Request =
        new("cid-42", "BTC-USD", OrderSide.Buy, OrderConfiguration.LimitGtc(0.001m, 60000.1m, postOnly: true));

    private static ScriptedReply Found(string status = "OPEN", string clientOrderId = "cid-42") => ScriptedReply.Json(
        $$"""{"orders":[{"order_id":"o-1","product_id":"BTC-USD","client_order_id":"other","side":"BUY","status":"FILLED"},{"order_id":"venue-42","product_id":"BTC-USD","client_order_id":"{{clientOrderId}}","side":"BUY","status":"{{status}}","reject_reason":"{{(status == "FAILED" ? "INSUFFICIENT_FUND" : "")}}"}],"sequence":"0","has_next":false,"cursor":""}""");

    private static readonly ScriptedReply NotFound = ScriptedReply.Sample("rest-list-orders-response-empty-recorded.json");

    private static readonly ScriptedReply Created = ScriptedReply.Json(
        """{"success":true,"success_response":{"order_id":"venue-42","product_id":"BTC-USD","side":"BUY","client_order_id":"cid-42","attached_order_id":""}}""");

    private static async Task<OrderPlacementOutcome> PlaceAsync(VirtualClock clock, ScriptedServer server, TestClient test) =>
        await ClockDriver.RunAsync(clock, () => new OrderPlacer(test.Client).CreateOrderResolvingAsync(Request),
            ClockDriver.RetryWaitsAndHungRequestTimeouts(clock, server, Timeout));

    private static List<RecordedRequest> Posts(ScriptedServer server) => server.Requests.Where(r => r.Is("POST", Orders)).ToList();

    private static List<RecordedRequest> Lookups(ScriptedServer server) => server.Requests.Where(r => r.Is("GET", List)).ToList();

    [Fact]
    [Trait("Req", "REQ-CB1")]
    public async Task A_create_order_timeout_aborts_retries_and_goes_to_the_client_order_id_lookup()
    {
        var clock = VirtualTime.Create();
        await using var server = await ScriptedServer.StartAsync(clock, r => r.Method == "POST" ? ScriptedReply.HangForever : Found());
        using var test = new TestClient(clock, server.BaseUri, seed: Seed, timeout: Timeout);
        var start = clock.Now;

        var outcome = await PlaceAsync(clock, server, test);

        Assert.Equal(OrderPlacementKind.Placed, outcome.Kind);
        Assert.Equal(("venue-42", "OPEN", 1, 1, true), (outcome.OrderId, outcome.Status, outcome.Sends, outcome.Lookups, outcome.ResolvedByLookup));
        Assert.Equal(RestFailureKind.Timeout, outcome.LastFailure?.Kind);
        var post = Assert.Single(Posts(server)); // never re-sent
        var lookup = Assert.Single(Lookups(server));
        Assert.Equal(start, post.At);
        Assert.Equal(start + Timeout, lookup.At); // straight to the lookup when the timeout fires, no retry wait
        Assert.StartsWith("?product_ids=BTC-USD&start_date=", lookup.Query);
        Assert.Empty(test.RetryLog);
    }

    [Fact]
    [Trait("Req", "REQ-CB1")]
    public async Task A_5xx_with_the_order_proven_absent_is_resent_once_with_the_same_client_order_id()
    {
        var clock = VirtualTime.Create();
        await using var server = await ScriptedServer.StartAsync(clock, r => r.Method == "GET" ? NotFound
            : r.Index == 1 ? ScriptedReply.Empty(503) : Created);
        using var test = new TestClient(clock, server.BaseUri, seed: Seed, timeout: Timeout);

        var outcome = await PlaceAsync(clock, server, test);

        Assert.Equal((OrderPlacementKind.Placed, "venue-42", 2, 1), (outcome.Kind, outcome.OrderId, outcome.Sends, outcome.Lookups));
        var posts = Posts(server);
        Assert.Equal(2, posts.Count);
        Assert.Equal(posts[0].Body, posts[1].Body);
        Assert.Contains("\"client_order_id\":\"cid-42\"", posts[1].Body);
        var lookup = Assert.Single(Lookups(server));
        Assert.True(posts[0].Index < lookup.Index && lookup.Index < posts[1].Index);
        var wait = posts[1].At - lookup.At;
        Cb1.AssertWithinBounds([wait]);
        Assert.Equal(Cb1.ExpectedDelays(Seed, 1)[0], wait);
    }

    [Fact]
    [Trait("Req", "REQ-CB1")]
    public async Task A_connection_dropped_after_sending_is_resolved_by_the_lookup()
    {
        var clock = VirtualTime.Create();
        await using var server = await ScriptedServer.StartAsync(clock, r => r.Method == "POST" ? ScriptedReply.DropConnection : Found("FILLED"));
        using var test = new TestClient(clock, server.BaseUri, seed: Seed, timeout: Timeout);

        var outcome = await PlaceAsync(clock, server, test);

        Assert.Equal((OrderPlacementKind.Placed, "venue-42", "FILLED", 1, 1), (outcome.Kind, outcome.OrderId, outcome.Status, outcome.Sends, outcome.Lookups));
        Assert.Equal(RestFailureKind.Transport, outcome.LastFailure?.Kind);
        Assert.Single(Posts(server));
    }

    [Fact]
    [Trait("Req", "REQ-CB1")]
    public async Task A_lookup_that_keeps_failing_leaves_the_order_ambiguous_and_never_resends()
    {
        var clock = VirtualTime.Create();
        await using var server = await ScriptedServer.StartAsync(clock, r => r.Method == "POST" ? ScriptedReply.HangForever : ScriptedReply.Empty(503));
        using var test = new TestClient(clock, server.BaseUri, seed: Seed, timeout: Timeout);

        var outcome = await PlaceAsync(clock, server, test);

        Assert.Equal((OrderPlacementKind.Ambiguous, null, 1, 1), (outcome.Kind, outcome.OrderId, outcome.Sends, outcome.Lookups));
        Assert.Equal(RestFailureKind.Timeout, outcome.LastFailure?.Kind);
        Assert.Single(Posts(server));
        var lookups = Lookups(server);
        Assert.Equal(RestRetryPolicy.MaxAttempts, lookups.Count); // the lookup is idempotent and retried per REQ-CB1
        Cb1.AssertWithinBounds(Cb1.Gaps(lookups.Select(l => l.At).ToList()));
    }

    [Fact]
    [Trait("Req", "REQ-CB1")]
    public async Task Rate_limited_creates_never_reached_the_venue_and_are_resent_after_full_jitter_without_lookup()
    {
        var clock = VirtualTime.Create();
        await using var server = await ScriptedServer.StartAsync(clock, r => r.Index <= 2 ? ScriptedReply.Empty(429) : Created);
        using var test = new TestClient(clock, server.BaseUri, seed: Seed, timeout: Timeout);

        var outcome = await PlaceAsync(clock, server, test);

        Assert.Equal((OrderPlacementKind.Placed, 3, 0), (outcome.Kind, outcome.Sends, outcome.Lookups));
        var posts = Posts(server);
        Assert.Equal(3, posts.Count);
        Assert.Empty(Lookups(server));
        var gaps = Cb1.Gaps(posts.Select(p => p.At).ToList());
        Cb1.AssertWithinBounds(gaps);
        Assert.Equal(Cb1.ExpectedDelays(Seed, 2), gaps);
    }

    [Fact]
    [Trait("Req", "REQ-CB1")]
    public async Task Connection_refused_creates_are_sent_at_most_six_times_and_end_rejected()
    {
        var clock = VirtualTime.Create();
        using var test = new TestClient(clock, FreePort.RefusingBaseUri(), seed: Seed, timeout: Timeout);

        var outcome = await ClockDriver.RunAsync(clock, () => new OrderPlacer(test.Client).CreateOrderResolvingAsync(Request));

        Assert.Equal((OrderPlacementKind.Rejected, 6, 0), (outcome.Kind, outcome.Sends, outcome.Lookups));
        Assert.Equal(RestFailureKind.Transport, outcome.LastFailure?.Kind);
        Assert.Equal(6, test.Latency.Samples.Count(s => s.Endpoint == "create_order"));
    }

    [Fact]
    [Trait("Req", "REQ-CB1")]
    public async Task Never_more_than_six_sends_even_when_every_lookup_proves_the_order_absent()
    {
        var clock = VirtualTime.Create();
        await using var server = await ScriptedServer.StartAsync(clock, r => r.Method == "GET" ? NotFound : ScriptedReply.Empty(500));
        using var test = new TestClient(clock, server.BaseUri, seed: Seed, timeout: Timeout);

        var outcome = await PlaceAsync(clock, server, test);

        Assert.Equal((OrderPlacementKind.Ambiguous, 6, 6), (outcome.Kind, outcome.Sends, outcome.Lookups));
        Assert.Equal(6, Posts(server).Count);
        Assert.Single(Posts(server).Select(p => p.Body).Distinct());
    }

    [Fact]
    [Trait("Req", "REQ-CB1")]
    public async Task A_business_rejection_is_final()
    {
        var clock = VirtualTime.Create();
        await using var server = await ScriptedServer.StartAsync(clock, _ => ScriptedReply.Sample("rest-create-order-response-failure-post-only.json"));
        using var test = new TestClient(clock, server.BaseUri, seed: Seed, timeout: Timeout);

        var outcome = await PlaceAsync(clock, server, test);

        Assert.Equal((OrderPlacementKind.Rejected, "INVALID_LIMIT_PRICE_POST_ONLY", 1, 0), (outcome.Kind, outcome.Reason, outcome.Sends, outcome.Lookups));
        Assert.Equal(1, server.Count);
    }

    [Fact]
    [Trait("Req", "REQ-CB1")]
    public async Task A_duplicate_client_order_id_resolves_to_the_existing_order()
    {
        var clock = VirtualTime.Create();
        await using var server = await ScriptedServer.StartAsync(clock, r => r.Method == "GET" ? Found() : ScriptedReply.Json(
            """{"success":false,"error_response":{"error":"UNKNOWN_FAILURE_REASON","message":"duplicate","new_order_failure_reason":"DUPLICATE_CLIENT_ORDER_ID"}}"""));
        using var test = new TestClient(clock, server.BaseUri, seed: Seed, timeout: Timeout);

        var outcome = await PlaceAsync(clock, server, test);

        Assert.Equal((OrderPlacementKind.Placed, "venue-42", 1, 1), (outcome.Kind, outcome.OrderId, outcome.Sends, outcome.Lookups));
    }

    [Fact]
    [Trait("Req", "REQ-CB1")]
    public async Task An_order_the_lookup_finds_failed_is_rejected_with_the_venue_reason()
    {
        var clock = VirtualTime.Create();
        await using var server = await ScriptedServer.StartAsync(clock, r => r.Method == "POST" ? ScriptedReply.Empty(504) : Found("FAILED"));
        using var test = new TestClient(clock, server.BaseUri, seed: Seed, timeout: Timeout);

        var outcome = await PlaceAsync(clock, server, test);

        Assert.Equal((OrderPlacementKind.Rejected, "INSUFFICIENT_FUND", "FAILED", 1, 1), (outcome.Kind, outcome.Reason, outcome.Status, outcome.Sends, outcome.Lookups));
        Assert.Single(Posts(server));
    }
}
