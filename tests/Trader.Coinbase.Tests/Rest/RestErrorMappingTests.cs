using Trader.Coinbase.Rest;
using Trader.Coinbase.Rest.Orders;
using Trader.Domain.Trading;
using Trader.Testing;

namespace Trader.Coinbase.Tests.Rest;

/// <summary>Every failure kind from the recorded error bodies, over a real socket.</summary>
public sealed class RestErrorMappingTests
{
    private static readonly CreateOrderRequest Order =
        new("cid-1", "BTC-USD", OrderSide.Buy, OrderConfiguration.LimitGtc(0.001m, 60000.1m, postOnly: true));

    [Theory]
    [InlineData("rest-error-400-invalid-argument-product.json", 400, RestFailureKind.InvalidArgument, "INVALID_ARGUMENT", "ProductID is invalid")]
    [InlineData("rest-error-400-invalid-argument-order-id.json", 400, RestFailureKind.InvalidArgument, "INVALID_ARGUMENT", "invalid OrderId None passed to endpoint")]
    [InlineData("rest-error-400-account-not-available.json", 400, RestFailureKind.InvalidArgument, "INVALID_ARGUMENT", "account is not available")]
    [InlineData("rest-error-401-body.txt", 401, RestFailureKind.Unauthorized, null, "Unauthorized")]
    [InlineData("rest-error-403-permission-denied.json", 403, RestFailureKind.Forbidden, "PERMISSION_DENIED", "User is not allowed to convert crypto")]
    [InlineData("rest-error-order-not-found.json", 400, RestFailureKind.NotFound, "unknown", "order with this orderID was not found")]
    [InlineData("rest-error-order-not-found.json", 404, RestFailureKind.NotFound, "unknown", "order with this orderID was not found")]
    public async Task Final_http_errors_map_to_their_kind_in_one_attempt(string sample, int status, RestFailureKind kind, string? code, string message)
    {
        var clock = VirtualTime.Create();
        await using var server = await ScriptedServer.StartAsync(clock, _ => ScriptedReply.Sample(sample, status));
        using var test = new TestClient(clock, server.BaseUri);

        var result = await test.Client.GetOrderAsync("o-1");

        Assert.Equal(new RestFailure("get_order", kind, status, code, message, MayHaveReachedVenue: false), result.Failure);
        Assert.Equal(1, server.Count); // not transient: never retried
    }

    [Theory]
    [InlineData("rest-error-429-rate-limit.json", 429, RestFailureKind.RateLimited, "rate_limit_exceeded", "Too many requests", false)]
    [InlineData("", 429, RestFailureKind.RateLimited, null, "too many requests", false)]
    [InlineData("", 503, RestFailureKind.ServerError, null, "server error 503", true)]
    [InlineData("{\"error\":\"INTERNAL\",\"code\":13,\"message\":\"internal error\",\"details\":[]}", 500, RestFailureKind.ServerError, "INTERNAL", "internal error", true)]
    public async Task Transient_http_errors_map_to_their_kind(string body, int status, RestFailureKind kind, string? code, string message, bool mayHaveReachedVenue)
    {
        var clock = VirtualTime.Create();
        var reply = body.EndsWith(".json", StringComparison.Ordinal) ? ScriptedReply.Sample(body, status) : new ScriptedReply(status, body);
        await using var server = await ScriptedServer.StartAsync(clock, _ => reply);
        using var test = new TestClient(clock, server.BaseUri);

        var result = await test.Client.CreateOrderAsync(Order); // one attempt: create-order is never retried blindly

        Assert.Equal(new RestFailure("create_order", kind, status, code, message, mayHaveReachedVenue), result.Failure);
        Assert.True(result.Failure!.IsTransient);
    }

    [Theory]
    [InlineData("rest-create-order-response-failure.json", "UNSUPPORTED_ORDER_CONFIGURATION", "source is not enabled for trading")]
    [InlineData("rest-create-order-response-failure-insufficient-fund.json", "PREVIEW_INSUFFICIENT_FUND", "Insufficient balance in source account")]
    [InlineData("rest-create-order-response-failure-post-only.json", "INVALID_LIMIT_PRICE_POST_ONLY", "INVALID_LIMIT_PRICE_POST_ONLY")]
    public async Task Create_order_success_false_is_a_business_failure_with_the_most_specific_reason(string sample, string code, string message)
    {
        var clock = VirtualTime.Create();
        await using var server = await ScriptedServer.StartAsync(clock, _ => ScriptedReply.Sample(sample));
        using var test = new TestClient(clock, server.BaseUri);

        var result = await test.Client.CreateOrderAsync(Order);

        Assert.Equal(new RestFailure("create_order", RestFailureKind.BusinessFailure, 200, code, message, MayHaveReachedVenue: false), result.Failure);
        Assert.False(result.Failure!.IsTransient);
    }

    [Theory]
    [InlineData("rest-create-order-response-success.json", "5abcda4c-55de-4f6d-837e-7a7799bc5d52")]
    [InlineData("rest-create-order-response-success-legacy-2024.json", "52cfe5e2-0b29-4c19-a245-a6a773de5030")]
    [InlineData("rest-create-order-response-success-ioc-2024.json", "vvvd2a-4ef9-9587-fc71dee4f912")]
    public async Task Create_order_success_reads_the_order_id_from_success_response(string sample, string orderId)
    {
        var clock = VirtualTime.Create();
        await using var server = await ScriptedServer.StartAsync(clock, _ => ScriptedReply.Sample(sample));
        using var test = new TestClient(clock, server.BaseUri);

        var result = await test.Client.CreateOrderAsync(Order);

        Assert.Equal(orderId, result.Value.OrderId);
    }

    [Fact]
    public async Task An_unreadable_2xx_create_answer_may_have_placed_the_order()
    {
        var clock = VirtualTime.Create();
        await using var server = await ScriptedServer.StartAsync(clock, _ => ScriptedReply.Text(200, "<html>gateway</html>"));
        using var test = new TestClient(clock, server.BaseUri);

        var result = await test.Client.CreateOrderAsync(Order);

        Assert.Equal((RestFailureKind.InvalidResponse, true), (result.Failure?.Kind, result.Failure?.MayHaveReachedVenue));
    }

    [Fact]
    public async Task An_answer_missing_a_field_that_matters_is_an_invalid_response_not_a_default()
    {
        var clock = VirtualTime.Create();
        await using var server = await ScriptedServer.StartAsync(clock, r => r.Method == "GET"
            ? ScriptedReply.Json("""{"order":{"order_id":"o-1","product_id":"BTC-USD","status":"OPEN"}}""") // no side
            : ScriptedReply.Json("""{"success_response":{"order_id":"o-2"}}""")); // no success flag
        using var test = new TestClient(clock, server.BaseUri);

        var order = await test.Client.GetOrderAsync("o-1");
        var created = await test.Client.CreateOrderAsync(Order);

        Assert.Equal(RestFailureKind.InvalidResponse, order.Failure?.Kind);
        Assert.Contains("side", order.Failure!.Message);
        Assert.Equal((RestFailureKind.InvalidResponse, true), (created.Failure?.Kind, created.Failure?.MayHaveReachedVenue));
    }

    [Fact]
    public async Task Connection_refused_is_transport_that_never_reached_the_venue()
    {
        var clock = VirtualTime.Create();
        using var test = new TestClient(clock, FreePort.RefusingBaseUri());

        var result = await test.Client.CreateOrderAsync(Order);

        Assert.Equal((RestFailureKind.Transport, false, null), (result.Failure?.Kind, result.Failure?.MayHaveReachedVenue, result.Failure?.HttpStatus));
        Assert.StartsWith("not sent", result.Failure!.Message);
    }

    [Fact]
    public async Task A_connection_dropped_after_sending_is_transport_that_may_have_reached_the_venue()
    {
        var clock = VirtualTime.Create();
        await using var server = await ScriptedServer.StartAsync(clock, _ => ScriptedReply.DropConnection);
        using var test = new TestClient(clock, server.BaseUri);

        var result = await test.Client.CreateOrderAsync(Order);

        Assert.Equal((RestFailureKind.Transport, true), (result.Failure?.Kind, result.Failure?.MayHaveReachedVenue));
        Assert.Equal(1, server.Count);
    }

    [Fact]
    public async Task A_request_with_no_answer_times_out_on_the_injected_clock()
    {
        var clock = VirtualTime.Create();
        await using var server = await ScriptedServer.StartAsync(clock, _ => ScriptedReply.HangForever);
        using var test = new TestClient(clock, server.BaseUri, timeout: TimeSpan.FromSeconds(10));
        var start = clock.Now;

        var result = await ClockDriver.RunAsync(clock, () => test.Client.CreateOrderAsync(Order), _ => server.Hanging > 0);

        Assert.Equal(new RestFailure("create_order", RestFailureKind.Timeout, null, null, "no complete answer within 10 s", MayHaveReachedVenue: true), result.Failure);
        Assert.Equal(start + TimeSpan.FromSeconds(10), clock.Now);
        Assert.Equal(TimeSpan.FromSeconds(10), Assert.Single(test.Latency.Samples).Duration);
    }

    [Fact]
    public async Task Error_text_never_carries_the_token_even_when_the_server_echoes_it()
    {
        var clock = VirtualTime.Create();
        await using var server = await ScriptedServer.StartAsync(clock, r => ScriptedReply.Json(
            $$"""{"error":"INVALID_ARGUMENT","error_details":"bad header {{r.Authorization}}","message":"x"}""", 400));
        using var test = new TestClient(clock, server.BaseUri);

        var result = await test.Client.GetOrderAsync("o-1");

        var token = Assert.Single(server.Requests).Authorization!["Bearer ".Length..];
        Assert.Equal(RestFailureKind.InvalidArgument, result.Failure?.Kind);
        Assert.StartsWith("bad header", result.Failure!.Message);
        Assert.DoesNotContain(token, result.Failure.ToString());
        Assert.DoesNotContain(token.Split('.')[2], result.Failure.ToString());
        Assert.DoesNotContain("eyJ", result.Failure.ToString());
    }
}
