using System.Text.Json.Nodes;
using Trader.Coinbase.Rest;
using Trader.Coinbase.Rest.Fills;
using Trader.Coinbase.Rest.MarketData;
using Trader.Coinbase.Rest.Orders;
using Trader.Domain.Trading;
using Trader.Testing;

namespace Trader.Coinbase.Tests.Rest;

/// <summary>Each endpoint against a real local server answering with the recorded samples: request shape, auth, parsing.</summary>
public sealed class CoinbaseRestClientTests
{
    private const string Prefix = "/api/v3/brokerage";

    private static string SampleText(string name) => File.ReadAllText(Path.Combine(RepoPaths.Samples, name));

    private static void AssertJsonEqual(string expected, string actual) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), JsonNode.Parse(actual)), $"expected {expected}\nactual   {actual}");

    [Fact]
    public async Task Accounts_follow_the_cursor_and_sign_each_page_for_the_local_host_and_port()
    {
        var clock = VirtualTime.Create();
        var page1 = """{"accounts":[{"uuid":"a1","name":"Cash (USD)","currency":"USD","available_balance":{"value":"100.5","currency":"USD"},"hold":{"value":"0.25","currency":"USD"},"active":true,"ready":true,"type":"ACCOUNT_TYPE_FIAT"}],"has_next":true,"cursor":"c1","size":1}""";
        await using var server = await ScriptedServer.StartAsync(clock, r =>
            ScriptedReply.Json(r.Query.Contains("cursor=c1") ? SampleText("rest-accounts-recorded.json") : page1));
        using var test = new TestClient(clock, server.BaseUri);

        var result = await test.Client.ListAccountsAsync();

        Assert.True(result.IsOk, result.ToString());
        Assert.Equal(["USD", "SGD", "USD"], result.Value.Select(a => a.Currency));
        Assert.Equal(100.75m, result.Value[0].Total);
        var requests = server.Requests;
        Assert.Equal(2, requests.Count);
        Assert.Equal("?limit=250", requests[0].Query);
        Assert.Equal("?limit=250&cursor=c1", requests[1].Query);
        foreach (var request in requests)
        {
            var jwt = Auth.DecodedJwt.FromBearer(request.Authorization);
            Assert.Equal($"GET 127.0.0.1:{server.BaseUri.Port}{Prefix}/accounts", jwt.Uri);
            Assert.Equal(clock.Now.ToUnixTimeSeconds(), jwt.Payload["nbf"]!.GetValue<long>());
        }
    }

    [Fact]
    public async Task Products_and_product_parse_into_trading_rules()
    {
        var clock = VirtualTime.Create();
        await using var server = await ScriptedServer.StartAsync(clock, r => r.Path == Prefix + "/products"
            ? ScriptedReply.Sample("rest-products-list.json")
            : ScriptedReply.Sample("rest-product-recorded.json"));
        using var test = new TestClient(clock, server.BaseUri);

        var list = await test.Client.ListProductsAsync(["BTC-USD", "ETH-USD"]);
        var one = await test.Client.GetProductAsync("BTC-USD");

        Assert.True(list.IsOk, list.ToString());
        Assert.Equal("BTC-USD", Assert.Single(list.Value).ProductId);
        Assert.Equal("?product_type=SPOT&product_ids=BTC-USD&product_ids=ETH-USD", server.Requests[0].Query);
        Assert.True(one.IsOk, one.ToString());
        Assert.Equal(Prefix + "/products/BTC-USD", server.Requests[1].Path);
        var info = one.Value.ToProductInfo();
        Assert.Equal(("BTC", "USD", 0.00000001m, 0.01m, 0.01m, 1m), (info.BaseCurrency, info.QuoteCurrency, info.BaseIncrement, info.PriceIncrement, info.QuoteIncrement, info.QuoteMinSize));
        Assert.Equal("online", one.Value.Status);
        Assert.False(one.Value.TradingDisabled || one.Value.CancelOnly || one.Value.LimitOnly || one.Value.PostOnly);
        Assert.Equal(83306.04m, one.Value.Price);
    }

    [Fact]
    public async Task Market_data_endpoints_send_their_parameters_and_parse_decimals()
    {
        var clock = VirtualTime.Create();
        await using var server = await ScriptedServer.StartAsync(clock, r => r.Path switch
        {
            Prefix + "/best_bid_ask" => ScriptedReply.Sample("rest-best-bid-ask.json"),
            Prefix + "/product_book" => ScriptedReply.Sample("rest-product-book.json"),
            Prefix + "/products/BTC-USD/candles" => ScriptedReply.Sample("rest-product-candles.json"),
            Prefix + "/time" => ScriptedReply.Sample("rest-server-time-recorded.json"),
            Prefix + "/transaction_summary" => ScriptedReply.Sample("rest-transaction-summary.json"),
            _ => ScriptedReply.Empty(404),
        });
        using var test = new TestClient(clock, server.BaseUri);
        var client = test.Client;

        var bba = await client.GetBestBidAskAsync(["TRAC-EUR", "BTC-USD"]);
        var book = await client.GetProductBookAsync("BTC-USDT", limit: 10);
        var start = DateTimeOffset.FromUnixTimeSeconds(1673391780);
        var candles = await client.GetCandlesAsync("BTC-USD", start, start.AddMinutes(5), CandleGranularity.OneMinute);
        var time = await client.GetServerTimeAsync();
        var fees = await client.GetTransactionSummaryAsync();

        Assert.Equal(0.2384m, bba.Value[0].Bids[0].Price);
        Assert.Equal(672m, bba.Value[0].Asks[0].Size);
        Assert.Equal(new DateTimeOffset(2023, 6, 30, 7, 15, 24, TimeSpan.Zero).AddTicks(6560440), bba.Value[0].Time);
        Assert.Equal(30757.85m, book.Value.Pricebook.Bids[0].Price);
        var candle = Assert.Single(candles.Value).ToCandle();
        Assert.Equal((start, 17417.74m, 17417.99m, 17414.36m, 17417.38m, 1.87780853m), (candle.Start, candle.Open, candle.High, candle.Low, candle.Close, candle.Volume));
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1790735849298), time.Value.Instant);
        Assert.Equal((0.008m, 0.006m, "Advanced 1"), (fees.Value.FeeTier.TakerFeeRate, fees.Value.FeeTier.MakerFeeRate, fees.Value.FeeTier.PricingTier));

        var requests = server.Requests;
        Assert.Equal("?product_ids=TRAC-EUR&product_ids=BTC-USD", requests[0].Query);
        Assert.Equal("?product_id=BTC-USDT&limit=10", requests[1].Query);
        Assert.Equal("?start=1673391780&end=1673392080&granularity=ONE_MINUTE", requests[2].Query);
        Assert.Null(requests[3].Authorization); // /time is public
        Assert.Equal("?product_type=SPOT", requests[4].Query);
        Assert.All(requests.Where(r => r.Path != Prefix + "/time"), r => Assert.NotNull(r.Authorization));
    }

    [Theory]
    [InlineData("rest-create-order-request-limit-gtc-post-only.json")]
    [InlineData("rest-create-order-request-market-ioc-base.json")]
    [InlineData("rest-create-order-request-market-ioc-quote.json")]
    [InlineData("rest-create-order-request-sor-limit-ioc.json")]
    public async Task Create_order_bodies_match_the_recorded_requests(string sample)
    {
        var expected = JsonNode.Parse(SampleText(sample))!;
        var request = FromSample(expected);
        var clock = VirtualTime.Create();
        await using var server = await ScriptedServer.StartAsync(clock, _ => ScriptedReply.Sample("rest-create-order-response-success.json"));
        using var test = new TestClient(clock, server.BaseUri);

        var result = await test.Client.CreateOrderAsync(request);

        Assert.True(result.IsOk, result.ToString());
        Assert.Equal("5abcda4c-55de-4f6d-837e-7a7799bc5d52", result.Value.OrderId);
        var sent = Assert.Single(server.Requests);
        Assert.Equal(("POST", Prefix + "/orders"), (sent.Method, sent.Path));
        AssertJsonEqual(expected.ToJsonString(), sent.Body);
        Assert.Equal($"POST 127.0.0.1:{server.BaseUri.Port}{Prefix}/orders", Auth.DecodedJwt.FromBearer(sent.Authorization).Uri);
    }

    [Fact]
    public async Task Invalid_order_requests_are_refused_before_sending()
    {
        var clock = VirtualTime.Create();
        await using var server = await ScriptedServer.StartAsync(clock, _ => ScriptedReply.Empty(500));
        using var test = new TestClient(clock, server.BaseUri);

        var both = new CreateOrderRequest("c1", "BTC-USD", OrderSide.Buy, new OrderConfiguration(new MarketMarketIoc(QuoteSize: 5m, BaseSize: 1m)));
        var none = new CreateOrderRequest("c1", "BTC-USD", OrderSide.Buy, new OrderConfiguration());
        var noId = new CreateOrderRequest("", "BTC-USD", OrderSide.Buy, OrderConfiguration.MarketBuyQuote(5m));

        foreach (var bad in new[] { both, none, noId })
        {
            var result = await test.Client.CreateOrderAsync(bad);
            Assert.Equal(RestFailureKind.InvalidArgument, result.Failure?.Kind);
            Assert.False(result.Failure!.MayHaveReachedVenue);
        }
        Assert.Equal(0, server.Count);
    }

    [Fact]
    public async Task Preview_sends_no_client_order_id_and_turns_errs_into_a_business_failure()
    {
        var clock = VirtualTime.Create();
        var ok = """{"order_total":"10.06","commission_total":"0.06","errs":[],"warning":[],"quote_size":"10","base_size":"0.0001","best_bid":"60000","best_ask":"60000.01","is_max":false,"slippage":"0","preview_id":"p-1"}""";
        var refused = """{"order_total":"0","commission_total":"0","errs":["PREVIEW_INSUFFICIENT_FUND","PREVIEW_INVALID_QUOTE_SIZE_TOO_SMALL"],"warning":[],"preview_id":""}""";
        await using var server = await ScriptedServer.StartAsync(clock, r => ScriptedReply.Json(r.Index == 1 ? ok : refused));
        using var test = new TestClient(clock, server.BaseUri);

        var good = await test.Client.PreviewOrderAsync("BTC-USD", OrderSide.Buy, OrderConfiguration.MarketBuyQuote(10m));
        var bad = await test.Client.PreviewOrderAsync("BTC-USD", OrderSide.Buy, OrderConfiguration.MarketBuyQuote(10m));

        Assert.True(good.IsOk, good.ToString());
        Assert.Equal((10.06m, 0.06m, "p-1"), (good.Value.OrderTotal, good.Value.CommissionTotal, good.Value.PreviewId));
        Assert.Equal(RestFailureKind.BusinessFailure, bad.Failure?.Kind);
        Assert.Equal("PREVIEW_INSUFFICIENT_FUND", bad.Failure!.ErrorCode);
        Assert.Contains("PREVIEW_INVALID_QUOTE_SIZE_TOO_SMALL", bad.Failure.Message);
        AssertJsonEqual("""{"product_id":"BTC-USD","side":"BUY","order_configuration":{"market_market_ioc":{"quote_size":"10"}}}""", server.Requests[0].Body);
        Assert.Equal(Prefix + "/orders/preview", server.Requests[0].Path);
    }

    [Fact]
    public async Task Batch_cancel_sends_the_documented_body_and_reads_each_result()
    {
        var clock = VirtualTime.Create();
        await using var server = await ScriptedServer.StartAsync(clock, _ => ScriptedReply.Sample("rest-batch-cancel-response-mixed.json"));
        using var test = new TestClient(clock, server.BaseUri);

        var result = await test.Client.CancelOrdersAsync(["d098f674-3059-4bb2-83e8-8f632c1e0d89"]);

        Assert.Equal([(true, "o-1"), (false, "o-2")], result.Value.Select(r => (r.Success, r.OrderId)));
        Assert.Equal("UNKNOWN_CANCEL_ORDER", result.Value[1].FailureReason);
        AssertJsonEqual(SampleText("rest-batch-cancel-request.json"), Assert.Single(server.Requests).Body);
        Assert.Equal(Prefix + "/orders/batch_cancel", server.Requests[0].Path);
    }

    [Fact]
    public async Task Get_order_and_list_orders_parse_the_recorded_orders()
    {
        var clock = VirtualTime.Create();
        await using var server = await ScriptedServer.StartAsync(clock, r => r.Path.EndsWith("/batch", StringComparison.Ordinal)
            ? ScriptedReply.Sample("rest-list-orders-response.json")
            : ScriptedReply.Sample("rest-get-order-response.json"));
        using var test = new TestClient(clock, server.BaseUri);

        var one = await test.Client.GetOrderAsync("9bc1eb3b-5b46-4b71-9628-ae2ed0cca75b");
        var list = await test.Client.ListOrdersAsync(new OrderListFilter(ProductIds: ["BTC-USDT"], OrderStatuses: ["FILLED", "OPEN"]));

        Assert.True(one.IsOk, one.ToString());
        Assert.Equal((OrderSide.Sell, "OPEN", "LIMIT"), (one.Value.Side, one.Value.Status, one.Value.OrderType));
        Assert.Equal(new LimitLimitGtc(0.2m, 0.006m, false), one.Value.OrderConfiguration?.LimitLimitGtc);
        Assert.Equal(Prefix + "/orders/historical/9bc1eb3b-5b46-4b71-9628-ae2ed0cca75b", server.Requests[0].Path);
        var order = Assert.Single(list.Value);
        Assert.Equal((OrderSide.Buy, "FILLED", 2, 0.0379324055666004m), (order.Side, order.Status, order.NumberOfFills, order.TotalFees));
        Assert.Equal(6.36m, order.OrderConfiguration?.MarketMarketIoc?.QuoteSize);
        Assert.Equal("?product_ids=BTC-USDT&order_status=FILLED&order_status=OPEN&limit=250", server.Requests[1].Query);
    }

    [Fact]
    public async Task Client_order_id_lookup_pages_until_it_finds_the_match()
    {
        var clock = VirtualTime.Create();
        var page1 = """{"orders":[{"order_id":"o-9","product_id":"BTC-USD","client_order_id":"other","side":"BUY","status":"FILLED"}],"sequence":"0","has_next":true,"cursor":"next-page"}""";
        var page2 = """{"orders":[{"order_id":"o-7","product_id":"BTC-USD","client_order_id":"mine","side":"SELL","status":"OPEN"}],"sequence":"0","has_next":true,"cursor":"third"}""";
        var last = """{"orders":[],"sequence":"0","has_next":false,"cursor":""}""";
        await using var server = await ScriptedServer.StartAsync(clock, r => ScriptedReply.Json(
            r.Query.Contains("cursor=next-page") ? page2 : r.Query.Contains("cursor=third") ? last : page1));
        using var test = new TestClient(clock, server.BaseUri);

        var found = await test.Client.FindOrderByClientOrderIdAsync("BTC-USD", "mine", sentAt: clock.Now);
        Assert.Equal("o-7", found.Value?.OrderId);
        Assert.Equal(2, server.Count); // stopped at the match, did not fetch the third page
        Assert.StartsWith("?product_ids=BTC-USD&start_date=2025-01-06T11%3A50%3A00Z&limit=250", server.Requests[0].Query);

        var missing = await test.Client.FindOrderByClientOrderIdAsync("BTC-USD", "absent");
        Assert.True(missing.IsOk, missing.ToString());
        Assert.Null(missing.Value);
        Assert.Equal(5, server.Count); // all three pages read
        Assert.DoesNotContain("start_date", server.Requests[2].Query);
    }

    [Fact]
    public async Task Fills_parse_nanosecond_timestamps_and_follow_the_cursor()
    {
        var clock = VirtualTime.Create();
        await using var server = await ScriptedServer.StartAsync(clock, _ => ScriptedReply.Sample("rest-list-fills-response.json"));
        using var test = new TestClient(clock, server.BaseUri);

        var fills = await test.Client.ListFillsAsync(new FillListFilter(OrderIds: ["813a53c5-3e39-47bb-863d-2faf685d22d8"]));

        var fill = Assert.Single(fills.Value);
        Assert.Equal((21220.64m, 0.0046830664333996m, 0.0000280983986004m, OrderSide.Buy), (fill.Price, fill.Size, fill.Commission, fill.Side));
        Assert.Equal(new DateTimeOffset(2023, 1, 18, 1, 37, 38, TimeSpan.Zero).AddTicks(913770), fill.TradeTime);
        Assert.Equal("?order_ids=813a53c5-3e39-47bb-863d-2faf685d22d8&limit=250", Assert.Single(server.Requests).Query);
    }

    [Fact]
    public async Task Latency_is_measured_on_the_injected_clock_per_attempt()
    {
        var clock = VirtualTime.Create();
        await using var server = await ScriptedServer.StartAsync(clock,
            r => r.Index == 1 ? ScriptedReply.Sample("rest-server-time.json") : ScriptedReply.Sample("rest-error-400-invalid-argument-product.json", 400),
            onRequest: r => clock.AdvanceBy(TimeSpan.FromMilliseconds(r.Index == 1 ? 250 : 40)));
        using var test = new TestClient(clock, server.BaseUri);

        await test.Client.GetServerTimeAsync();
        await test.Client.GetProductAsync("NOPE-USD");

        Assert.Equal(
            [new RestLatencySample("time", "GET", 200, null, TimeSpan.FromMilliseconds(250)),
             new RestLatencySample("product", "GET", 400, RestFailureKind.InvalidArgument, TimeSpan.FromMilliseconds(40))],
            test.Latency.Samples);
    }

    private static CreateOrderRequest FromSample(JsonNode sample)
    {
        var config = sample["order_configuration"]!.AsObject().Single();
        var c = config.Value!;
        decimal? Dec(string name) => c[name] is { } v ? decimal.Parse(v.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture) : null;
        var configuration = config.Key switch
        {
            "market_market_ioc" => new OrderConfiguration(new MarketMarketIoc(Dec("quote_size"), Dec("base_size"))),
            "limit_limit_gtc" => OrderConfiguration.LimitGtc(Dec("base_size")!.Value, Dec("limit_price")!.Value, c["post_only"]!.GetValue<bool>()),
            "sor_limit_ioc" => OrderConfiguration.LimitIoc(Dec("base_size")!.Value, Dec("limit_price")!.Value),
            _ => throw new InvalidOperationException(config.Key),
        };
        return new CreateOrderRequest(sample["client_order_id"]!.GetValue<string>(), sample["product_id"]!.GetValue<string>(),
            sample["side"]!.GetValue<string>() == "BUY" ? OrderSide.Buy : OrderSide.Sell, configuration);
    }
}
