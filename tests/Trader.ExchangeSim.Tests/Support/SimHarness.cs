using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using NSec.Cryptography;
using Trader.ExchangeSim.Auth;
using Trader.ExchangeSim.Market;
using Trader.Pipeline.Clock;
using Trader.Testing;

namespace Trader.ExchangeSim.Tests.Support;

/// <summary>A simulator on a virtual clock with an externally fed, known book (BTC-USD 59990/60000, ETH-USD 2999/3000)
/// and an HttpClient that signs each request with the test's own JWTs.</summary>
public sealed class SimHarness : IAsyncDisposable
{
    private SimHarness(VirtualClock clock, JwtFactory keys, ExchangeSimulator sim)
    {
        Clock = clock;
        Keys = keys;
        Sim = sim;
        Http = new HttpClient { BaseAddress = new Uri(sim.RestBaseUrl) };
    }

    public VirtualClock Clock { get; }
    public JwtFactory Keys { get; }
    public ExchangeSimulator Sim { get; }
    public HttpClient Http { get; }
    public string Host => $"127.0.0.1:{Sim.Port}";
    public const string Prefix = "/api/v3/brokerage";

    public static async Task<SimHarness> StartAsync(Func<SimulatorOptions, SimulatorOptions>? configure = null, bool seedBook = true)
    {
        var clock = VirtualTime.Create();
        var keys = new JwtFactory();
        var options = new SimulatorOptions(clock.TimeProvider)
        {
            Market = MarketSource.External(),
            AcceptedKeys =
            [
                AcceptedKey.FromEcdsa(JwtFactory.EcName, keys.EcKey),
                AcceptedKey.FromEd25519(JwtFactory.EdName, keys.EdKey.PublicKey.Export(KeyBlobFormat.RawPublicKey)),
            ],
        };
        if (configure is not null) options = configure(options);
        var sim = await ExchangeSimulator.StartAsync(options);
        var harness = new SimHarness(clock, keys, sim);
        if (seedBook)
        {
            harness.Ingest(L2("BTC-USD", "snapshot", [("bid", "59990", "0.5"), ("bid", "59980", "1"), ("offer", "60000", "0.5"), ("offer", "60010", "1")]));
            harness.Ingest(L2("ETH-USD", "snapshot", [("bid", "2999", "5"), ("offer", "3000", "5")]));
        }
        return harness;
    }

    public void Ingest(string frame) => Assert.True(Sim.IngestFrame(frame), "frame rejected: " + frame);

    public static string L2(string productId, string type, (string Side, string Price, string Size)[] levels)
    {
        var updates = new JsonArray();
        foreach (var (side, price, size) in levels)
            updates.Add(new JsonObject { ["side"] = side, ["event_time"] = "2025-01-06T12:00:00Z", ["price_level"] = price, ["new_quantity"] = size });
        return new JsonObject
        {
            ["channel"] = "l2_data", ["timestamp"] = "2025-01-06T12:00:00Z", ["sequence_num"] = 0,
            ["events"] = new JsonArray { new JsonObject { ["type"] = type, ["product_id"] = productId, ["updates"] = updates } },
        }.ToJsonString();
    }

    public static string Trades(string productId, string tradeId, string price, string size, string makerSide) => new JsonObject
    {
        ["channel"] = "market_trades", ["timestamp"] = "2025-01-06T12:00:00Z", ["sequence_num"] = 0,
        ["events"] = new JsonArray
        {
            new JsonObject
            {
                ["type"] = "update",
                ["trades"] = new JsonArray { new JsonObject { ["trade_id"] = tradeId, ["product_id"] = productId, ["price"] = price, ["size"] = size, ["side"] = makerSide, ["time"] = "2025-01-06T12:00:00Z" } },
            },
        },
    }.ToJsonString();

    /// <summary>Sends a request; <paramref name="token"/> overrides the JWT ("" = no Authorization header).</summary>
    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string pathAndQuery, JsonNode? body = null, bool ed = false, string? token = null)
    {
        var request = new HttpRequestMessage(method, pathAndQuery);
        var path = pathAndQuery.Split('?')[0];
        token ??= Keys.Rest(method.Method, Host + path, Clock.Now, ed);
        if (token.Length > 0) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null) request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        return Http.SendAsync(request);
    }

    public async Task<JsonObject> GetJsonAsync(string pathAndQuery, int expectedStatus = 200)
    {
        using var response = await SendAsync(HttpMethod.Get, pathAndQuery);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == expectedStatus, $"{pathAndQuery}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    public async Task<JsonObject> PostJsonAsync(string path, JsonNode body, int expectedStatus = 200)
    {
        using var response = await SendAsync(HttpMethod.Post, path, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == expectedStatus, $"{path}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    public static JsonObject Order(string clientOrderId, string productId, string side, string kind, params (string Name, JsonNode? Value)[] fields)
    {
        var config = new JsonObject();
        foreach (var (name, value) in fields) config[name] = value;
        return new JsonObject
        {
            ["client_order_id"] = clientOrderId,
            ["product_id"] = productId,
            ["side"] = side,
            ["order_configuration"] = new JsonObject { [kind] = config },
        };
    }

    public Task<JsonObject> PlaceAsync(JsonObject order) => PostJsonAsync(Prefix + "/orders", order);

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Sim.DisposeAsync();
    }
}
