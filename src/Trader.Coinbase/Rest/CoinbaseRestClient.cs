using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Trader.Coinbase.Auth;
using Trader.Coinbase.Rest.Accounts;
using Trader.Coinbase.Rest.Fees;
using Trader.Coinbase.Rest.Fills;
using Trader.Coinbase.Rest.Json;
using Trader.Coinbase.Rest.MarketData;
using Trader.Coinbase.Rest.Orders;
using Trader.Coinbase.Rest.Products;
using Trader.Coinbase.Retry;
using Trader.Domain.Trading;

namespace Trader.Coinbase.Rest;

/// <summary>
/// The Coinbase Advanced Trade REST client (docs/EXCHANGE-CLIENT.md). Every call returns a
/// <see cref="RestResult{T}"/>; venue and network problems are values, never exceptions (only the caller's
/// own cancellation throws). Each HTTP attempt gets a fresh JWT whose <c>uri</c> names the actual request's
/// host:port and path, a timeout on the injected clock, and one latency sample. Idempotent calls are retried
/// per REQ-CB1 by the <see cref="RestRetryPolicy"/>; <see cref="CreateOrderAsync"/> is a single attempt
/// (use <see cref="OrderPlacer"/> to place an order with ambiguity resolution).
/// </summary>
public sealed class CoinbaseRestClient
{
    private static readonly CoinbaseJsonContext Json = CoinbaseJsonContext.Default;
    private static readonly MediaTypeHeaderValue JsonMediaType = new("application/json");

    private readonly HttpClient _http;
    private readonly CoinbaseJwtFactory _jwt;
    private readonly TimeProvider _time;
    private readonly RestRetryPolicy _retry;
    private readonly IRestLatencyRecorder _latency;

    public CoinbaseRestClient(
        HttpClient http,
        CoinbaseJwtFactory jwt,
        TimeProvider time,
        CoinbaseRestOptions? options = null,
        RestRetryPolicy? retry = null,
        IRestLatencyRecorder? latency = null)
    {
        _http = http ?? throw new ArgumentNullException(nameof(http));
        _jwt = jwt ?? throw new ArgumentNullException(nameof(jwt));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        Options = options ?? new CoinbaseRestOptions();
        if (!Options.BaseUri.IsAbsoluteUri || (Options.BaseUri.Scheme != Uri.UriSchemeHttps && Options.BaseUri.Scheme != Uri.UriSchemeHttp))
            throw new ArgumentException("the REST base URL must be an absolute http(s) URL", nameof(options));
        if (Options.RequestTimeout <= TimeSpan.Zero) throw new ArgumentException("the request timeout must be positive", nameof(options));
        _retry = retry ?? RestRetryPolicy.Create(time);
        _latency = latency ?? NoLatencyRecorder.Instance;
    }

    public CoinbaseRestOptions Options { get; }

    public TimeProvider Time => _time;

    public RestRetryPolicy RetryPolicy => _retry;

    // ---- accounts, products, market data, fees -------------------------------------------------------------

    /// <summary><c>GET /accounts</c>, every page (<c>limit</c>, <c>cursor</c> while <c>has_next</c>).</summary>
    public async Task<RestResult<IReadOnlyList<CoinbaseAccount>>> ListAccountsAsync(CancellationToken cancellationToken = default)
    {
        var all = new List<CoinbaseAccount>();
        string? cursor = null;
        for (var page = 0; page < Options.MaxPages; page++)
        {
            var query = new QueryString().Add("limit", Options.PageSize).Add("cursor", cursor);
            var result = await GetAsync("accounts", "/accounts" + query, Json.AccountsPage, p => p, cancellationToken).ConfigureAwait(false);
            if (!result.TryGetValue(out var body)) return result.CastFailure<IReadOnlyList<CoinbaseAccount>>();
            all.AddRange(body.Accounts ?? []);
            if (!body.HasNext || string.IsNullOrEmpty(body.Cursor) || body.Cursor == cursor) return RestResult<IReadOnlyList<CoinbaseAccount>>.Ok(all);
            cursor = body.Cursor;
        }
        return TooManyPages<IReadOnlyList<CoinbaseAccount>>("accounts");
    }

    /// <summary><c>GET /products</c>, optionally for some products only (default: spot products).</summary>
    public Task<RestResult<IReadOnlyList<CoinbaseProduct>>> ListProductsAsync(
        IReadOnlyList<string>? productIds = null, string? productType = "SPOT", CancellationToken cancellationToken = default)
    {
        var query = new QueryString().Add("product_type", productType).AddAll("product_ids", productIds);
        return GetAsync<ProductsPage, IReadOnlyList<CoinbaseProduct>>("products", "/products" + query, Json.ProductsPage,
            p => p.Products ?? [], cancellationToken);
    }

    /// <summary><c>GET /products/{product_id}</c>.</summary>
    public Task<RestResult<CoinbaseProduct>> GetProductAsync(string productId, CancellationToken cancellationToken = default) =>
        GetAsync("product", "/products/" + Uri.EscapeDataString(productId), Json.CoinbaseProduct, p => p, cancellationToken);

    /// <summary><c>GET /best_bid_ask?product_ids=…</c>: top of book of several products.</summary>
    public Task<RestResult<IReadOnlyList<PriceBook>>> GetBestBidAskAsync(IReadOnlyList<string> productIds, CancellationToken cancellationToken = default) =>
        GetAsync<BestBidAskResponse, IReadOnlyList<PriceBook>>("best_bid_ask", "/best_bid_ask" + new QueryString().AddAll("product_ids", productIds),
            Json.BestBidAskResponse, r => r.Pricebooks ?? [], cancellationToken);

    /// <summary><c>GET /product_book?product_id=…&amp;limit=…</c>.</summary>
    public Task<RestResult<ProductBook>> GetProductBookAsync(string productId, int? limit = null, CancellationToken cancellationToken = default) =>
        GetAsync("product_book", "/product_book" + new QueryString().Add("product_id", productId).Add("limit", limit),
            Json.ProductBook, b => b, cancellationToken);

    /// <summary><c>GET /products/{id}/candles</c> between two instants (unix seconds; at most 350 candles per call).</summary>
    public Task<RestResult<IReadOnlyList<CoinbaseCandle>>> GetCandlesAsync(
        string productId, DateTimeOffset start, DateTimeOffset end, CandleGranularity granularity, int? limit = null,
        CancellationToken cancellationToken = default)
    {
        var query = new QueryString()
            .Add("start", start.ToUnixTimeSeconds())
            .Add("end", end.ToUnixTimeSeconds())
            .Add("granularity", granularity.ToWire())
            .Add("limit", limit);
        return GetAsync<CandlesResponse, IReadOnlyList<CoinbaseCandle>>("candles",
            "/products/" + Uri.EscapeDataString(productId) + "/candles" + query, Json.CandlesResponse, r => r.Candles ?? [], cancellationToken);
    }

    /// <summary><c>GET /time</c> (public: sent without a token).</summary>
    public Task<RestResult<ServerTime>> GetServerTimeAsync(CancellationToken cancellationToken = default) =>
        RetriedAsync(new Call("time", HttpMethod.Get, "/time", null, Authenticated: false), Parser(Json.ServerTime, t => t), cancellationToken);

    /// <summary><c>GET /transaction_summary</c>: fee tier and 30-day volume.</summary>
    public Task<RestResult<TransactionSummary>> GetTransactionSummaryAsync(string? productType = "SPOT", CancellationToken cancellationToken = default) =>
        GetAsync("transaction_summary", "/transaction_summary" + new QueryString().Add("product_type", productType),
            Json.TransactionSummary, s => s, cancellationToken);

    // ---- orders --------------------------------------------------------------------------------------------

    /// <summary>
    /// <c>POST /orders/preview</c> (idempotent, retried). A preview with <c>errs</c> or <c>success:false</c> is a
    /// <see cref="RestFailureKind.BusinessFailure"/> whose code is the first preview failure reason.
    /// </summary>
    public Task<RestResult<OrderPreview>> PreviewOrderAsync(
        string productId, OrderSide side, OrderConfiguration configuration, CancellationToken cancellationToken = default)
    {
        if (configuration?.Validate() is { } problem) return Task.FromResult(Invalid<OrderPreview>("preview_order", problem));
        var body = JsonSerializer.SerializeToUtf8Bytes(new PreviewOrderRequest(productId, side, configuration!), Json.PreviewOrderRequest);
        return RetriedAsync(new Call("preview_order", HttpMethod.Post, "/orders/preview", body, Authenticated: true), ParsePreview, cancellationToken);
    }

    /// <summary>
    /// <c>POST /orders</c>, ONE attempt, never retried here: the outcome of a timeout, a 5xx or a connection lost
    /// after sending is unknown (<see cref="RestFailure.MayHaveReachedVenue"/>). HTTP 200 with
    /// <c>success:false</c> is a <see cref="RestFailureKind.BusinessFailure"/> carrying the venue's reason.
    /// </summary>
    public Task<RestResult<CreatedOrder>> CreateOrderAsync(CreateOrderRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Validate() is { } problem) return Task.FromResult(Invalid<CreatedOrder>("create_order", problem));
        var body = JsonSerializer.SerializeToUtf8Bytes(request, Json.CreateOrderRequest);
        return SendOnceAsync(new Call("create_order", HttpMethod.Post, "/orders", body, Authenticated: true), ParseCreate, cancellationToken);
    }

    /// <summary><c>POST /orders/batch_cancel</c> (idempotent, retried): one result per order id.</summary>
    public Task<RestResult<IReadOnlyList<CancelOrderResult>>> CancelOrdersAsync(IReadOnlyList<string> orderIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(orderIds);
        if (orderIds.Count == 0) return Task.FromResult(RestResult<IReadOnlyList<CancelOrderResult>>.Ok([]));
        var body = JsonSerializer.SerializeToUtf8Bytes(new BatchCancelRequest(orderIds), Json.BatchCancelRequest);
        return RetriedAsync(new Call("batch_cancel", HttpMethod.Post, "/orders/batch_cancel", body, Authenticated: true),
            Parser<BatchCancelResponse, IReadOnlyList<CancelOrderResult>>(Json.BatchCancelResponse, r => r.Results ?? []), cancellationToken);
    }

    /// <summary><c>GET /orders/historical/{order_id}</c>; an unknown id is <see cref="RestFailureKind.NotFound"/>.</summary>
    public Task<RestResult<CoinbaseOrder>> GetOrderAsync(string orderId, CancellationToken cancellationToken = default) =>
        GetAsync("get_order", "/orders/historical/" + Uri.EscapeDataString(orderId), Json.GetOrderResponse,
            r => r.Order ?? throw new JsonException("no order in the answer"), cancellationToken);

    /// <summary><c>GET /orders/historical/batch</c> with filters, every page.</summary>
    public async Task<RestResult<IReadOnlyList<CoinbaseOrder>>> ListOrdersAsync(OrderListFilter filter, CancellationToken cancellationToken = default)
    {
        var all = new List<CoinbaseOrder>();
        var result = await ScanOrdersAsync(filter, order => { all.Add(order); return false; }, cancellationToken).ConfigureAwait(false);
        return result.IsOk ? RestResult<IReadOnlyList<CoinbaseOrder>>.Ok(all) : result.CastFailure<IReadOnlyList<CoinbaseOrder>>();
    }

    /// <summary>
    /// Looks an order up by our client order id: lists the product's orders (since
    /// <paramref name="sentAt"/> − <see cref="CoinbaseRestOptions.LookupWindow"/> when given), page by page,
    /// until one has this <c>client_order_id</c>. Ok(null) means the venue has no such order.
    /// </summary>
    public async Task<RestResult<CoinbaseOrder?>> FindOrderByClientOrderIdAsync(
        string productId, string clientOrderId, DateTimeOffset? sentAt = null, CancellationToken cancellationToken = default)
    {
        var filter = new OrderListFilter(ProductIds: [productId], StartDate: sentAt - Options.LookupWindow);
        CoinbaseOrder? match = null;
        var result = await ScanOrdersAsync(filter, order =>
        {
            if (!string.Equals(order.ClientOrderId, clientOrderId, StringComparison.Ordinal)) return false;
            match = order;
            return true;
        }, cancellationToken).ConfigureAwait(false);
        return result.IsOk ? RestResult<CoinbaseOrder?>.Ok(match) : result.CastFailure<CoinbaseOrder?>();
    }

    /// <summary><c>GET /orders/historical/fills</c> with filters, every page (while a <c>cursor</c> comes back).</summary>
    public async Task<RestResult<IReadOnlyList<CoinbaseFill>>> ListFillsAsync(FillListFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var all = new List<CoinbaseFill>();
        string? cursor = null;
        for (var page = 0; page < Options.MaxPages; page++)
        {
            var query = new QueryString()
                .AddAll("order_ids", filter.OrderIds)
                .AddAll("product_ids", filter.ProductIds)
                .Add("start_sequence_timestamp", filter.Start is { } s ? Rfc3339Converter.Format(s) : null)
                .Add("end_sequence_timestamp", filter.End is { } e ? Rfc3339Converter.Format(e) : null)
                .Add("limit", Options.PageSize)
                .Add("cursor", cursor);
            var result = await GetAsync("list_fills", "/orders/historical/fills" + query, Json.FillsPage, p => p, cancellationToken).ConfigureAwait(false);
            if (!result.TryGetValue(out var body)) return result.CastFailure<IReadOnlyList<CoinbaseFill>>();
            all.AddRange(body.Fills ?? []);
            if (string.IsNullOrEmpty(body.Cursor) || body.Cursor == cursor || (body.Fills?.Count ?? 0) == 0)
                return RestResult<IReadOnlyList<CoinbaseFill>>.Ok(all);
            cursor = body.Cursor;
        }
        return TooManyPages<IReadOnlyList<CoinbaseFill>>("list_fills");
    }

    /// <summary>Pages through list-orders, handing each order to <paramref name="visit"/> until it returns true.</summary>
    private async Task<RestResult<bool>> ScanOrdersAsync(OrderListFilter filter, Func<CoinbaseOrder, bool> visit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        string? cursor = null;
        for (var page = 0; page < Options.MaxPages; page++)
        {
            var query = new QueryString()
                .AddAll("product_ids", filter.ProductIds)
                .AddAll("order_status", filter.OrderStatuses)
                .Add("start_date", filter.StartDate is { } s ? Rfc3339Converter.Format(s) : null)
                .Add("end_date", filter.EndDate is { } e ? Rfc3339Converter.Format(e) : null)
                .Add("limit", Options.PageSize)
                .Add("cursor", cursor);
            var result = await GetAsync("list_orders", "/orders/historical/batch" + query, Json.OrdersPage, p => p, cancellationToken).ConfigureAwait(false);
            if (!result.TryGetValue(out var body)) return result.CastFailure<bool>();
            foreach (var order in body.Orders ?? [])
                if (visit(order)) return RestResult<bool>.Ok(true);
            if (!body.HasNext || string.IsNullOrEmpty(body.Cursor) || body.Cursor == cursor) return RestResult<bool>.Ok(false);
            cursor = body.Cursor;
        }
        return TooManyPages<bool>("list_orders");
    }

    // ---- parsing -------------------------------------------------------------------------------------------

    private delegate RestResult<T> BodyParser<T>(byte[] body, string endpoint, string? token);

    private static BodyParser<T> Parser<TWire, T>(JsonTypeInfo<TWire> info, Func<TWire, T> map) =>
        (body, _, _) => RestResult<T>.Ok(map(JsonSerializer.Deserialize(body, info) ?? throw new JsonException("empty answer")));

    private static RestResult<CreatedOrder> ParseCreate(byte[] body, string endpoint, string? token)
    {
        var response = JsonSerializer.Deserialize(body, Json.CreateOrderResponse) ?? throw new JsonException("empty answer");
        if (response.Success)
        {
            var created = response.SuccessResponse
                ?? (string.IsNullOrEmpty(response.OrderId) ? null : new CreatedOrder(response.OrderId, null, null, null));
            if (created is null || string.IsNullOrEmpty(created.OrderId)) throw new JsonException("success without an order id");
            return RestResult<CreatedOrder>.Ok(created);
        }
        var error = response.ErrorResponse;
        var code = error?.ReasonCode ?? response.FailureReason ?? "UNKNOWN_FAILURE_REASON";
        return RestResult<CreatedOrder>.Fail(new RestFailure(endpoint, RestFailureKind.BusinessFailure, 200,
            SecretScrubber.Scrub(code, token), SecretScrubber.Scrub(error?.Text ?? code, token), MayHaveReachedVenue: false));
    }

    private static RestResult<OrderPreview> ParsePreview(byte[] body, string endpoint, string? token)
    {
        var response = JsonSerializer.Deserialize(body, Json.PreviewOrderResponse) ?? throw new JsonException("empty answer");
        var errs = Texts(response.Errs);
        if (response.Success == false || errs.Count > 0)
        {
            var code = errs.Count > 0 ? errs[0] : response.ErrorResponse?.ReasonCode ?? "UNKNOWN_PREVIEW_FAILURE_REASON";
            var message = errs.Count > 1 ? string.Join(", ", errs) : response.ErrorResponse?.Text ?? code;
            return RestResult<OrderPreview>.Fail(new RestFailure(endpoint, RestFailureKind.BusinessFailure, 200,
                SecretScrubber.Scrub(code, token), SecretScrubber.Scrub(message, token), MayHaveReachedVenue: false));
        }
        return RestResult<OrderPreview>.Ok(new OrderPreview(response.OrderTotal, response.CommissionTotal, response.QuoteSize,
            response.BaseSize, response.BestBid, response.BestAsk, response.Slippage, response.PreviewId, Texts(response.Warning)));
    }

    private static List<string> Texts(IReadOnlyList<JsonElement>? items)
    {
        var texts = new List<string>();
        foreach (var item in items ?? [])
        {
            var text = item.ValueKind == JsonValueKind.String ? item.GetString() : item.GetRawText();
            if (!string.IsNullOrWhiteSpace(text)) texts.Add(text);
        }
        return texts;
    }

    private static RestResult<T> Invalid<T>(string endpoint, string problem) =>
        RestResult<T>.Fail(new RestFailure(endpoint, RestFailureKind.InvalidArgument, null, "INVALID_REQUEST", problem, MayHaveReachedVenue: false));

    private RestResult<T> TooManyPages<T>(string endpoint) =>
        RestResult<T>.Fail(new RestFailure(endpoint, RestFailureKind.InvalidResponse, null, null,
            $"still paginating after {Options.MaxPages} pages", MayHaveReachedVenue: false));

    // ---- sending -------------------------------------------------------------------------------------------

    private readonly record struct Call(string Endpoint, HttpMethod Method, string PathAndQuery, byte[]? Body, bool Authenticated);

    private Task<RestResult<T>> GetAsync<TWire, T>(string endpoint, string pathAndQuery, JsonTypeInfo<TWire> info, Func<TWire, T> map, CancellationToken cancellationToken) =>
        RetriedAsync(new Call(endpoint, HttpMethod.Get, pathAndQuery, null, Authenticated: true), Parser(info, map), cancellationToken);

    private Task<RestResult<T>> RetriedAsync<T>(Call call, BodyParser<T> parse, CancellationToken cancellationToken) =>
        _retry.ExecuteAsync(token => SendOnceAsync(call, parse, token), cancellationToken);

    private async Task<RestResult<T>> SendOnceAsync<T>(Call call, BodyParser<T> parse, CancellationToken cancellationToken)
    {
        var uri = new Uri(Options.BaseUri, CoinbaseRestOptions.ApiPrefix + call.PathAndQuery);
        using var request = new HttpRequestMessage(call.Method, uri);
        string? token = null;
        if (call.Authenticated)
        {
            token = _jwt.CreateRestToken(call.Method, uri);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.UserAgent.ParseAdd(Options.UserAgent);
        if (call.Body is not null)
            request.Content = new ByteArrayContent(call.Body) { Headers = { ContentType = JsonMediaType } };

        var started = _time.GetTimestamp();
        int? status = null;
        RestResult<T> result;
        using (var timeout = new CancellationTokenSource(Options.RequestTimeout, _time))
        using (var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token))
        {
            try
            {
                using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
                status = (int)response.StatusCode;
                var body = await response.Content.ReadAsByteArrayAsync(linked.Token).ConfigureAwait(false);
                result = response.IsSuccessStatusCode
                    ? ParseSuccess(call, parse, body, status.Value, token)
                    : RestResult<T>.Fail(RestErrorClassifier.Classify(call.Endpoint, status.Value, body, token));
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                result = RestResult<T>.Fail(new RestFailure(call.Endpoint, RestFailureKind.Timeout, status, null,
                    $"no complete answer within {Options.RequestTimeout.TotalSeconds:0.###} s", MayHaveReachedVenue: true));
            }
            catch (HttpRequestException e)
            {
                result = RestResult<T>.Fail(Transport(call.Endpoint, status, e, token, NeverSent(e) && status is null));
            }
            catch (IOException e)
            {
                result = RestResult<T>.Fail(Transport(call.Endpoint, status, e, token, neverSent: false));
            }
        }
        _latency.Record(new RestLatencySample(call.Endpoint, call.Method.Method, status, result.Failure?.Kind, _time.GetElapsedTime(started)));
        return result;
    }

    private static RestResult<T> ParseSuccess<T>(Call call, BodyParser<T> parse, byte[] body, int status, string? token)
    {
        try
        {
            return parse(body, call.Endpoint, token);
        }
        catch (JsonException e)
        {
            return RestResult<T>.Fail(new RestFailure(call.Endpoint, RestFailureKind.InvalidResponse, status, null,
                SecretScrubber.Scrub("unreadable answer: " + e.Message, token), MayHaveReachedVenue: true));
        }
    }

    /// <summary>Failures that happen before a single byte of the request can have left this machine.</summary>
    private static bool NeverSent(HttpRequestException e) => e.HttpRequestError is HttpRequestError.ConnectionError
        or HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError or HttpRequestError.ProxyTunnelError;

    private static RestFailure Transport(string endpoint, int? status, Exception e, string? token, bool neverSent)
    {
        var detail = e is HttpRequestException h ? $"{h.HttpRequestError}: {h.Message}" : e.Message;
        if (e.InnerException is { } inner) detail += " (" + inner.Message + ")";
        return new RestFailure(endpoint, RestFailureKind.Transport, status, null,
            SecretScrubber.Scrub((neverSent ? "not sent: " : "connection lost: ") + detail, token), MayHaveReachedVenue: !neverSent);
    }
}
