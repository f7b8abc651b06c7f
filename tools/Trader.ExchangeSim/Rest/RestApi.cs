using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Trader.ExchangeSim.Auth;
using Trader.ExchangeSim.Formatting;
using Trader.ExchangeSim.Trading;

namespace Trader.ExchangeSim.Rest;

/// <summary>
/// The REST surface under <c>/api/v3/brokerage</c> (wire-format.md §2): faults first (latency, 5xx, 429), then the
/// JWT (private endpoints), then the rate limit, then the endpoint.
/// </summary>
internal sealed class RestApi
{
    public const string Prefix = "/api/v3/brokerage";
    private readonly Venue _venue;
    private readonly JwtVerifier _verifier;
    private readonly RateLimiter _limiter;
    private readonly Func<IReadOnlyCollection<string>> _ownHosts;

    public RestApi(Venue venue, JwtVerifier verifier, Func<IReadOnlyCollection<string>> ownHosts)
    {
        _venue = venue;
        _verifier = verifier;
        _limiter = new RateLimiter(venue.Clock);
        _ownHosts = ownHosts;
    }

    public static bool IsPublic(string relative) =>
        relative == "/time" || relative.StartsWith("/market/", StringComparison.Ordinal);

    public async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        var relative = path[Prefix.Length..];
        var faults = _venue.Faults;
        if (faults.Options.Latency > TimeSpan.Zero)
            await Task.Delay(faults.Options.Latency, _venue.Clock, context.RequestAborted);
        if (faults.Roll(faults.Options.Http5xx))
        {
            faults.Counters.ServerError();
            await Json(context, 503, new JsonObject { ["error"] = "unavailable", ["code"] = 14, ["message"] = "simulated server error", ["details"] = new JsonArray() });
            return;
        }
        if (faults.Roll(faults.Options.Http429))
        {
            faults.Counters.TooMany();
            context.Response.StatusCode = 429;
            return;
        }

        var isPublic = IsPublic(relative);
        string caller;
        if (isPublic) caller = "ip:" + context.Connection.RemoteIpAddress;
        else
        {
            var header = context.Request.Headers.Authorization.ToString();
            var token = header.StartsWith("Bearer ", StringComparison.Ordinal) ? header[7..].Trim() : null;
            var hosts = new List<string>(_ownHosts()) { "api.coinbase.com" };
            if (context.Request.Host.HasValue) hosts.Add(context.Request.Host.Value);
            var key = _verifier.Verify(token, (context.Request.Method, path, hosts), out _);
            if (key is null)
            {
                context.Response.StatusCode = 401;
                context.Response.ContentType = "text/plain; charset=utf-8";
                await context.Response.WriteAsync("Unauthorized");
                return;
            }
            caller = "key:" + key;
        }

        var limit = isPublic ? _venue.Options.PublicRequestsPerSecond : _venue.Options.PrivateRequestsPerSecond;
        if (limit > 0)
        {
            var (allowed, remaining, reset) = _limiter.Take(caller, limit);
            context.Response.Headers["x-ratelimit-limit"] = limit.ToString(CultureInfo.InvariantCulture);
            context.Response.Headers["x-ratelimit-remaining"] = remaining.ToString(CultureInfo.InvariantCulture);
            context.Response.Headers["x-ratelimit-reset"] = reset.ToString(CultureInfo.InvariantCulture);
            if (!allowed)
            {
                context.Response.StatusCode = 429;
                return;
            }
        }

        if (isPublic && relative.StartsWith("/market/", StringComparison.Ordinal)) relative = relative["/market".Length..];
        await RouteAsync(context, context.Request.Method, relative, isPublic);
    }

    private async Task RouteAsync(HttpContext context, string method, string relative, bool isPublic)
    {
        var segments = relative.Trim('/').Split('/');
        var q = context.Request.Query;
        switch (method, segments)
        {
            case ("GET", ["time"]):
            {
                var now = _venue.Now;
                await Json(context, 200, new JsonObject
                {
                    ["iso"] = now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                    ["epochSeconds"] = now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
                    ["epochMillis"] = now.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
                });
                return;
            }
            case ("GET", ["accounts"]) when !isPublic:
                await Json(context, 200, _venue.Accounts(Int(q, "limit", 49, 1, 250), Int(q, "cursor", 0, 0, int.MaxValue)));
                return;
            case ("GET", ["accounts", var uuid]) when !isPublic:
                if (_venue.Account(uuid) is { } account) await Json(context, 200, account);
                else await Error(context, 404, "NOT_FOUND", "account not found");
                return;
            case ("GET", ["products"]):
                await Json(context, 200, _venue.Products(List(q, "product_ids"), Int(q, "limit", 0, 0, int.MaxValue), Int(q, "offset", 0, 0, int.MaxValue)));
                return;
            case ("GET", ["products", var id]):
                if (_venue.Product(id) is { } product) await Json(context, 200, product);
                else await Error(context, 400, "INVALID_ARGUMENT", "ProductID is invalid");
                return;
            case ("GET", ["products", var id, "candles"]):
                await CandlesAsync(context, id);
                return;
            case ("GET", ["products", var id, "ticker"]):
                if (_venue.Ticker(id, Int(q, "limit", 100, 1, 1000)) is { } ticker) await Json(context, 200, ticker);
                else await Error(context, 400, "INVALID_ARGUMENT", "ProductID is invalid");
                return;
            case ("GET", ["best_bid_ask"]) when !isPublic:
                if (_venue.BestBidAsk(List(q, "product_ids")) is { } books) await Json(context, 200, books);
                else await Error(context, 400, "INVALID_ARGUMENT", "ProductID is invalid");
                return;
            case ("GET", ["product_book"]):
                if (_venue.ProductBook(q["product_id"].ToString(), Int(q, "limit", 0, 0, int.MaxValue)) is { } book) await Json(context, 200, book);
                else await Error(context, 400, "INVALID_ARGUMENT", "ProductID is invalid");
                return;
            case ("GET", ["transaction_summary"]) when !isPublic:
                await Json(context, 200, _venue.TransactionSummary());
                return;
            case ("POST", ["orders"]) when !isPublic:
                await CreateOrderAsync(context);
                return;
            case ("POST", ["orders", "preview"]) when !isPublic:
            {
                var body = await ReadBodyAsync(context);
                var request = OrderRequest.Parse(body, requireClientOrderId: false, () => "preview", out var error);
                if (request is null) await Error(context, 400, "INVALID_ARGUMENT", error);
                else await Json(context, 200, _venue.Preview(request));
                return;
            }
            case ("POST", ["orders", "batch_cancel"]) when !isPublic:
            {
                var body = await ReadBodyAsync(context);
                if (body?["order_ids"] is not JsonArray ids || ids.Any(i => i?.GetValueKind() != JsonValueKind.String))
                {
                    await Error(context, 400, "INVALID_ARGUMENT", "order_ids must be a list of strings");
                    return;
                }
                await Json(context, 200, _venue.BatchCancel(ids.Select(i => i!.GetValue<string>()).ToList()));
                return;
            }
            case ("GET", ["orders", "historical", "batch"]) when !isPublic:
                await Json(context, 200, _venue.ListOrders(List(q, "order_ids"), List(q, "product_ids"), List(q, "order_status"),
                    List(q, "client_order_id"), q["order_side"].ToString(), Date(q, "start_date"), Date(q, "end_date"),
                    Int(q, "limit", 100, 1, 1000), Int(q, "cursor", 0, 0, int.MaxValue)));
                return;
            case ("GET", ["orders", "historical", "fills"]) when !isPublic:
                await Json(context, 200, _venue.ListFills(List(q, "order_ids"), List(q, "product_ids"), List(q, "trade_ids"),
                    Int(q, "limit", 100, 1, 1000), Int(q, "cursor", 0, 0, int.MaxValue)));
                return;
            case ("GET", ["orders", "historical", var orderId]) when !isPublic:
                if (!Guid.TryParse(orderId, out _)) await Error(context, 400, "INVALID_ARGUMENT", $"invalid OrderId {orderId} passed to endpoint");
                else if (_venue.GetOrder(orderId) is { } order) await Json(context, 200, order);
                else await Error(context, 404, "unknown", "order with this orderID was not found");
                return;
            default:
                context.Response.StatusCode = 404;
                context.Response.ContentType = "text/plain; charset=utf-8";
                await context.Response.WriteAsync("404 page not found");
                return;
        }
    }

    private async Task CreateOrderAsync(HttpContext context)
    {
        var body = await ReadBodyAsync(context);
        var request = OrderRequest.Parse(body, requireClientOrderId: false, _venue.NewClientOrderId, out var error);
        if (request is null)
        {
            await Error(context, 400, "INVALID_ARGUMENT", error);
            return;
        }
        var (response, booked) = _venue.CreateOrder(request);
        var faults = _venue.Faults;
        if (booked is not null && faults.Roll(faults.Options.TimeoutAfterAccept))
        {
            faults.Counters.TimedOut();
            context.Abort();
            return;
        }
        await Json(context, 200, response);
    }

    private async Task CandlesAsync(HttpContext context, string productId)
    {
        var q = context.Request.Query;
        var granularity = q["granularity"].ToString() switch
        {
            "ONE_MINUTE" => 60L,
            "FIVE_MINUTE" => 300L,
            "FIFTEEN_MINUTE" => 900L,
            "THIRTY_MINUTE" => 1800L,
            "ONE_HOUR" => 3600L,
            "TWO_HOUR" => 7200L,
            "FOUR_HOUR" => 14400L,
            "SIX_HOUR" => 21600L,
            "ONE_DAY" => 86400L,
            _ => 0L,
        };
        if (granularity == 0) { await Error(context, 400, "INVALID_ARGUMENT", "granularity is invalid"); return; }
        if (!long.TryParse(q["start"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var start)
            || !long.TryParse(q["end"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var end) || end < start)
        {
            await Error(context, 400, "INVALID_ARGUMENT", "start and end must be unix seconds with start <= end");
            return;
        }
        var limit = Int(q, "limit", 350, 1, 350);
        if ((end - start) / granularity > limit) { await Error(context, 400, "INVALID_ARGUMENT", "start and end must be within 350 candles"); return; }
        if (_venue.Candles(productId, start, end, granularity) is { } candles) await Json(context, 200, candles);
        else await Error(context, 400, "INVALID_ARGUMENT", "ProductID is invalid");
    }

    private static async Task<JsonNode?> ReadBodyAsync(HttpContext context)
    {
        try { return await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted); }
        catch (JsonException) { return null; }
    }

    private static IReadOnlyCollection<string> List(IQueryCollection query, string name)
    {
        var values = new List<string>();
        foreach (var key in new[] { name, name + "[]" })
            if (query.TryGetValue(key, out StringValues v))
                foreach (var item in v)
                    if (!string.IsNullOrEmpty(item)) values.AddRange(item.Split(',', StringSplitOptions.RemoveEmptyEntries));
        return values;
    }

    private static int Int(IQueryCollection query, string name, int fallback, int min, int max) =>
        int.TryParse(query[name], NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? Math.Clamp(value, min, max) : fallback;

    private static DateTimeOffset? Date(IQueryCollection query, string name) =>
        DateTimeOffset.TryParse(query[name], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value) ? value : null;

    private static Task Error(HttpContext context, int status, string error, string message) =>
        Json(context, status, new JsonObject { ["error"] = error, ["error_details"] = message, ["message"] = message });

    private static async Task Json(HttpContext context, int status, JsonNode body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body.ToText(), Encoding.UTF8);
    }
}
