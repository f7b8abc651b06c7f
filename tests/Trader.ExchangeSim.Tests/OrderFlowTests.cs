using System.Net;
using System.Text.Json.Nodes;
using Trader.ExchangeSim.Tests.Support;

namespace Trader.ExchangeSim.Tests;

/// <summary>Create / get / list / cancel, fills and fees, against a known book: BTC-USD bids 59990×0.5, 59980×1,
/// asks 60000×0.5, 60010×1; maker 0.4 %, taker 0.6 %; USD 100000.</summary>
public sealed class OrderFlowTests
{
    private const string P = SimHarness.Prefix;

    private static string S(JsonNode? node) => node!.GetValue<string>();

    [Fact]
    public async Task Market_buy_sweeps_the_book_and_charges_taker_fees_to_the_cent()
    {
        await using var sim = await SimHarness.StartAsync();
        var created = await sim.PlaceAsync(SimHarness.Order("c-1", "BTC-USD", "BUY", "market_market_ioc", ("base_size", "0.6")));
        Assert.True(created["success"]!.GetValue<bool>());
        var orderId = S(created["success_response"]!["order_id"]);

        var order = (await sim.GetJsonAsync($"{P}/orders/historical/{orderId}"))["order"]!;
        Assert.Equal("FILLED", S(order["status"]));
        Assert.Equal("0.6", S(order["filled_size"]));
        Assert.Equal("36001", S(order["filled_value"]));                 // 0.5 × 60000 + 0.1 × 60010
        Assert.Equal("216.006", S(order["total_fees"]));                 // 0.6 % of 36001
        Assert.Equal("36217.006", S(order["total_value_after_fees"]));
        Assert.Equal("2", S(order["number_of_fills"]));
        Assert.Equal("IMMEDIATE_OR_CANCEL", S(order["time_in_force"]));

        var fills = (await sim.GetJsonAsync($"{P}/orders/historical/fills?order_ids={orderId}"))["fills"]!.AsArray();
        Assert.Equal(2, fills.Count);
        Assert.Equal(["36.006", "180"], fills.Select(f => S(f!["commission"])).ToArray()); // newest first
        Assert.All(fills, f => Assert.Equal("TAKER", S(f!["liquidity_indicator"])));

        Assert.Equal((100000m - 36217.006m, 0m), sim.Sim.Balance("USD"));
        Assert.Equal((0.6m, 0m), sim.Sim.Balance("BTC"));
        var book = await sim.GetJsonAsync($"{P}/product_book?product_id=BTC-USD");
        Assert.Equal("60010", S(book["pricebook"]!["asks"]![0]!["price"]));  // the 60000 level was taken
        Assert.Equal("0.9", S(book["pricebook"]!["asks"]![0]!["size"]));
    }

    [Fact]
    public async Task Market_buy_by_quote_size_spends_at_most_the_quote_including_fees()
    {
        await using var sim = await SimHarness.StartAsync();
        var created = await sim.PlaceAsync(SimHarness.Order("c-q", "BTC-USD", "BUY", "market_market_ioc", ("quote_size", "603.6")));
        var order = (await sim.GetJsonAsync($"{P}/orders/historical/{S(created["success_response"]!["order_id"])}"))["order"]!;
        Assert.Equal("0.01", S(order["filled_size"]));
        Assert.Equal("600", S(order["filled_value"]));
        Assert.Equal("3.6", S(order["total_fees"]));
        Assert.True(order["size_in_quote"]!.GetValue<bool>());
        Assert.True(order["size_inclusive_of_fees"]!.GetValue<bool>());
        Assert.Equal(100000m - 603.6m, sim.Sim.Balance("USD").Balance);
    }

    [Fact]
    public async Task Create_get_list_cancel_bodies_carry_the_samples_field_names()
    {
        await using var sim = await SimHarness.StartAsync();
        var request = Samples.Load("rest-create-order-request-limit-gtc-post-only.json");
        request["order_configuration"]!["limit_limit_gtc"]!["limit_price"] = "59000";
        var created = await sim.PlaceAsync(request);
        Samples.AssertHasFieldsOf(Samples.Load("rest-create-order-response-success.json")["success_response"], created["success_response"]);
        Assert.Equal(["success", "success_response", "order_configuration"], created.Select(p => p.Key).ToArray());
        var orderId = S(created["success_response"]!["order_id"]);

        var got = await sim.GetJsonAsync($"{P}/orders/historical/{orderId}");
        Samples.AssertHasFieldsOf(Samples.Load("rest-get-order-response.json"), got);
        Assert.Equal("OPEN", S(got["order"]!["status"]));
        Assert.Equal("GOOD_UNTIL_CANCELLED", S(got["order"]!["time_in_force"]));
        Assert.Equal("59.236", S(got["order"]!["outstanding_hold_amount"])); // 0.001 × 59000 × 1.004

        var listed = await sim.GetJsonAsync($"{P}/orders/historical/batch?order_status=OPEN&product_ids=BTC-USD");
        Samples.AssertHasFieldsOf(Samples.Load("rest-list-orders-response.json"), listed);
        Samples.AssertHasFieldsOf(Samples.Load("rest-list-orders-response-empty-recorded.json"), listed);
        Assert.Equal(orderId, S(listed["orders"]![0]!["order_id"]));
        var byClientId = await sim.GetJsonAsync($"{P}/orders/historical/batch?client_order_id=fm000100000001");
        Assert.Single(byClientId["orders"]!.AsArray());
        Assert.Empty((await sim.GetJsonAsync($"{P}/orders/historical/batch?order_status=FILLED"))["orders"]!.AsArray());

        var accounts = await sim.GetJsonAsync($"{P}/accounts");
        Samples.AssertHasFieldsOf(Samples.Load("rest-accounts-recorded.json"), accounts);
        var usd = accounts["accounts"]!.AsArray().Single(a => S(a!["currency"]) == "USD")!;
        Assert.Equal("59.236", S(usd["hold"]!["value"]));
        Assert.Equal("99940.764", S(usd["available_balance"]!["value"]));

        var cancelled = await sim.PostJsonAsync($"{P}/orders/batch_cancel", new JsonObject { ["order_ids"] = new JsonArray(orderId, "d098f674-3059-4bb2-83e8-8f632c1e0d89") });
        Samples.AssertHasFieldsOf(Samples.Load("rest-batch-cancel-response-mixed.json"), cancelled);
        Assert.True(cancelled["results"]![0]!["success"]!.GetValue<bool>());
        Assert.Equal("UNKNOWN_CANCEL_ORDER", S(cancelled["results"]![1]!["failure_reason"]));
        Assert.Equal("CANCELLED", S((await sim.GetJsonAsync($"{P}/orders/historical/{orderId}"))["order"]!["status"]));
        Assert.Equal(0m, sim.Sim.Balance("USD").Hold);
        var again = await sim.PostJsonAsync($"{P}/orders/batch_cancel", new JsonObject { ["order_ids"] = new JsonArray(orderId) });
        Assert.False(again["results"]![0]!["success"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Market_data_and_account_endpoints_carry_the_samples_field_names()
    {
        await using var sim = await SimHarness.StartAsync();
        sim.Ingest(SimHarness.Trades("BTC-USD", "1001", "60000", "0.25", "SELL"));
        var now = sim.Clock.Now.ToUnixTimeSeconds();
        Samples.AssertHasFieldsOf(Samples.Load("rest-products-list.json"), await sim.GetJsonAsync($"{P}/products"));
        Samples.AssertHasFieldsOf(Samples.Load("rest-product-recorded.json")["product_id"]!.Parent, await sim.GetJsonAsync($"{P}/market/products/BTC-USD"));
        Samples.AssertHasFieldsOf(Samples.Load("rest-best-bid-ask.json"), await sim.GetJsonAsync($"{P}/best_bid_ask?product_ids=BTC-USD"));
        Samples.AssertHasFieldsOf(Samples.Load("rest-product-book.json"), await sim.GetJsonAsync($"{P}/market/product_book?product_id=BTC-USD&limit=1"));
        Samples.AssertHasFieldsOf(Samples.Load("rest-server-time-recorded.json"), await sim.GetJsonAsync($"{P}/time"));
        Samples.AssertHasFieldsOf(Samples.Load("rest-transaction-summary.json"), await sim.GetJsonAsync($"{P}/transaction_summary"));
        Samples.AssertHasFieldsOf(Samples.Load("rest-market-trades.json"), await sim.GetJsonAsync($"{P}/products/BTC-USD/ticker?limit=5"));
        var candles = await sim.GetJsonAsync($"{P}/market/products/BTC-USD/candles?start={now - 3600}&end={now + 60}&granularity=ONE_MINUTE");
        Samples.AssertHasFieldsOf(Samples.Load("rest-product-candles.json"), candles);
        Assert.Equal("0.25", S(candles["candles"]![0]!["volume"]));
        var fees = (await sim.GetJsonAsync($"{P}/transaction_summary"))["fee_tier"]!;
        Assert.Equal(("0.006", "0.004"), (S(fees["taker_fee_rate"]), S(fees["maker_fee_rate"])));

        var tooWide = await sim.GetJsonAsync($"{P}/market/products/BTC-USD/candles?start={now - 400 * 60}&end={now}&granularity=ONE_MINUTE", 400);
        Assert.Equal("INVALID_ARGUMENT", S(tooWide["error"]));
        var unknown = await sim.GetJsonAsync($"{P}/products/NOPE-USD", 400);
        Assert.Equal("ProductID is invalid", S(unknown["message"]));
    }

    [Fact]
    public async Task Same_client_order_id_and_body_returns_the_original_order_and_a_different_body_is_refused()
    {
        await using var sim = await SimHarness.StartAsync();
        var order = SimHarness.Order("dup-1", "BTC-USD", "BUY", "limit_limit_gtc", ("base_size", "0.01"), ("limit_price", "59000"), ("post_only", true));
        var first = await sim.PlaceAsync(order);
        var second = await sim.PlaceAsync(order.DeepClone().AsObject());
        Assert.True(second["success"]!.GetValue<bool>());
        Assert.Equal(S(first["success_response"]!["order_id"]), S(second["success_response"]!["order_id"]));
        Assert.Single((await sim.GetJsonAsync($"{P}/orders/historical/batch"))["orders"]!.AsArray());

        var changed = SimHarness.Order("dup-1", "BTC-USD", "BUY", "limit_limit_gtc", ("base_size", "0.02"), ("limit_price", "59000"), ("post_only", true));
        var refused = await sim.PlaceAsync(changed);
        Assert.False(refused["success"]!.GetValue<bool>());
        Assert.Equal("DUPLICATE_CLIENT_ORDER_ID", S(refused["error_response"]!["new_order_failure_reason"]));
    }

    [Fact]
    public async Task Post_only_order_that_would_cross_is_rejected_like_the_sample()
    {
        await using var sim = await SimHarness.StartAsync();
        var rejected = await sim.PlaceAsync(SimHarness.Order("po-1", "BTC-USD", "BUY", "limit_limit_gtc", ("base_size", "0.01"), ("limit_price", "60000"), ("post_only", true)));
        Samples.AssertHasFieldsOf(Samples.Load("rest-create-order-response-failure-post-only.json"), rejected);
        Assert.False(rejected["success"]!.GetValue<bool>());
        Assert.Equal("INVALID_LIMIT_PRICE_POST_ONLY", S(rejected["error_response"]!["new_order_failure_reason"]));
        Assert.Empty((await sim.GetJsonAsync($"{P}/orders/historical/batch"))["orders"]!.AsArray());
    }

    [Fact]
    public async Task Increments_minimums_funds_and_product_flags_are_enforced_with_coinbase_reasons()
    {
        await using var sim = await SimHarness.StartAsync();
        async Task<JsonNode> Fail(JsonObject order)
        {
            var body = await sim.PlaceAsync(order);
            Assert.False(body["success"]!.GetValue<bool>(), body.ToJsonString());
            return body["error_response"]!;
        }
        Assert.Equal("INVALID_SIZE_PRECISION", S((await Fail(SimHarness.Order("a", "BTC-USD", "BUY", "market_market_ioc", ("base_size", "0.000000001"))))["new_order_failure_reason"]));
        Assert.Equal("INVALID_PRICE_PRECISION", S((await Fail(SimHarness.Order("b", "BTC-USD", "BUY", "limit_limit_gtc", ("base_size", "0.01"), ("limit_price", "59000.001"))))["new_order_failure_reason"]));
        Assert.Equal("PREVIEW_INVALID_QUOTE_SIZE_TOO_SMALL", S((await Fail(SimHarness.Order("c", "BTC-USD", "BUY", "market_market_ioc", ("quote_size", "0.5"))))["preview_failure_reason"]));
        Assert.Equal("PREVIEW_INVALID_BASE_SIZE_TOO_LARGE", S((await Fail(SimHarness.Order("c2", "BTC-USD", "SELL", "market_market_ioc", ("base_size", "3401"))))["preview_failure_reason"]));
        var poor = await Fail(SimHarness.Order("d", "BTC-USD", "BUY", "limit_limit_gtc", ("base_size", "2"), ("limit_price", "59000")));
        Samples.AssertHasFieldsOf(Samples.Load("rest-create-order-response-failure-insufficient-fund.json")["error_response"], poor);
        Assert.Equal(("INSUFFICIENT_FUND", "PREVIEW_INSUFFICIENT_FUND"), (S(poor["error"]), S(poor["preview_failure_reason"])));
        Assert.Equal("INSUFFICIENT_FUND", S((await Fail(SimHarness.Order("e", "BTC-USD", "SELL", "market_market_ioc", ("base_size", "0.1"))))["error"]));
        Assert.Equal("INVALID_PRODUCT_ID", S((await Fail(SimHarness.Order("f", "NOPE-USD", "BUY", "market_market_ioc", ("base_size", "1"))))["new_order_failure_reason"]));

        sim.Sim.SetProductFlags("BTC-USD", p => p.LimitOnly = true);
        Assert.Equal("UNSUPPORTED_ORDER_CONFIGURATION", S((await Fail(SimHarness.Order("g", "BTC-USD", "BUY", "market_market_ioc", ("base_size", "0.01"))))["new_order_failure_reason"]));
        sim.Sim.SetProductFlags("BTC-USD", p => { p.LimitOnly = false; p.PostOnly = true; });
        Assert.Equal("UNSUPPORTED_ORDER_CONFIGURATION", S((await Fail(SimHarness.Order("h", "BTC-USD", "BUY", "limit_limit_gtc", ("base_size", "0.01"), ("limit_price", "59000"))))["new_order_failure_reason"]));
        sim.Sim.SetProductFlags("BTC-USD", p => { p.PostOnly = false; p.CancelOnly = true; });
        Assert.Equal("ORDER_ENTRY_DISABLED", S((await Fail(SimHarness.Order("i", "BTC-USD", "BUY", "limit_limit_gtc", ("base_size", "0.01"), ("limit_price", "59000"))))["new_order_failure_reason"]));
        sim.Sim.SetProductFlags("BTC-USD", p => { p.CancelOnly = false; p.TradingDisabled = true; });
        Assert.Equal("TRADING_DISABLED", S((await Fail(SimHarness.Order("j", "BTC-USD", "BUY", "limit_limit_gtc", ("base_size", "0.01"), ("limit_price", "59000"))))["new_order_failure_reason"]));
        var product = await sim.GetJsonAsync($"{P}/products/BTC-USD");
        Assert.True(product["trading_disabled"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Resting_limit_fills_as_maker_when_the_market_crosses_it()
    {
        await using var sim = await SimHarness.StartAsync();
        var created = await sim.PlaceAsync(SimHarness.Order("m-1", "BTC-USD", "BUY", "limit_limit_gtc", ("base_size", "0.1"), ("limit_price", "59950"), ("post_only", true)));
        var orderId = S(created["success_response"]!["order_id"]);
        sim.Ingest(SimHarness.Trades("BTC-USD", "2001", "59950", "1", "BUY"));     // at the price: queue ahead of us, no fill
        Assert.Equal("OPEN", S((await sim.GetJsonAsync($"{P}/orders/historical/{orderId}"))["order"]!["status"]));
        sim.Ingest(SimHarness.L2("BTC-USD", "update", [("offer", "59940", "0.2")]));  // an ask through our bid
        var order = (await sim.GetJsonAsync($"{P}/orders/historical/{orderId}"))["order"]!;
        Assert.Equal("FILLED", S(order["status"]));
        Assert.Equal("23.98", S(order["total_fees"]));                                // 0.4 % of 5995
        var fill = (await sim.GetJsonAsync($"{P}/orders/historical/fills?product_ids=BTC-USD"))["fills"]![0]!;
        Samples.AssertHasFieldsOf(Samples.Load("rest-list-fills-response.json")["fills"]![0], fill);
        Assert.Equal(("MAKER", "59950"), (S(fill["liquidity_indicator"]), S(fill["price"])));
        Assert.Equal(100000m - 5995m - 23.98m, sim.Sim.Balance("USD").Balance);
    }

    [Fact]
    public async Task Fill_or_kill_that_cannot_fill_completely_is_cancelled_without_fills()
    {
        await using var sim = await SimHarness.StartAsync();
        var created = await sim.PlaceAsync(SimHarness.Order("fok", "BTC-USD", "BUY", "limit_limit_fok", ("base_size", "1"), ("limit_price", "60000")));
        var order = (await sim.GetJsonAsync($"{P}/orders/historical/{S(created["success_response"]!["order_id"])}"))["order"]!;
        Assert.Equal(("CANCELLED", "0", "FILL_OR_KILL"), (S(order["status"]), S(order["filled_size"]), S(order["time_in_force"])));
        var ioc = await sim.PlaceAsync(SimHarness.Order("ioc", "BTC-USD", "BUY", "sor_limit_ioc", ("base_size", "1"), ("limit_price", "60000")));
        var partial = (await sim.GetJsonAsync($"{P}/orders/historical/{S(ioc["success_response"]!["order_id"])}"))["order"]!;
        Assert.Equal(("CANCELLED", "0.5"), (S(partial["status"]), S(partial["filled_size"])));
    }

    [Fact]
    public async Task Unknown_and_malformed_order_ids_get_coinbase_error_bodies()
    {
        await using var sim = await SimHarness.StartAsync();
        var unknown = await sim.GetJsonAsync($"{P}/orders/historical/0b0c9bb4-7c2a-4c62-a43e-2b1c3d4e5f60", 404);
        Samples.AssertHasFieldsOf(Samples.Load("rest-error-order-not-found.json"), unknown);
        Assert.Equal("order with this orderID was not found", S(unknown["message"]));
        var malformed = await sim.GetJsonAsync($"{P}/orders/historical/None", 400);
        Assert.Equal("INVALID_ARGUMENT", S(malformed["error"]));
        using var badJson = await sim.SendAsync(HttpMethod.Post, $"{P}/orders", JsonValue.Create("nope"));
        Assert.Equal(HttpStatusCode.BadRequest, badJson.StatusCode);
    }

    [Fact]
    public async Task Preview_reports_costs_and_failure_reasons_without_booking()
    {
        await using var sim = await SimHarness.StartAsync();
        var preview = await sim.PostJsonAsync($"{P}/orders/preview", new JsonObject
        {
            ["product_id"] = "BTC-USD", ["side"] = "BUY",
            ["order_configuration"] = new JsonObject { ["market_market_ioc"] = new JsonObject { ["base_size"] = "0.01" } },
        });
        Assert.Equal(("603.6", "3.6"), (S(preview["order_total"]), S(preview["commission_total"])));
        Assert.Empty(preview["errs"]!.AsArray());
        var crossing = await sim.PostJsonAsync($"{P}/orders/preview", SimHarness.Order("x", "BTC-USD", "BUY", "limit_limit_gtc", ("base_size", "0.01"), ("limit_price", "60000"), ("post_only", true)));
        Assert.Equal("PREVIEW_INVALID_LIMIT_PRICE_POST_ONLY", S(crossing["errs"]![0]));
        Assert.Empty((await sim.GetJsonAsync($"{P}/orders/historical/batch"))["orders"]!.AsArray());
    }
}
