using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Trader.Coinbase.Auth;
using Trader.Coinbase.Rest;
using Trader.Coinbase.Retry;
using Trader.Domain.Decisions;
using Trader.Domain.Market;
using Trader.Domain.Rules;
using Trader.Domain.Security;
using Trader.Domain.Sizing;
using Trader.Domain.Trading;
using Trader.ExchangeSim;
using Trader.ExchangeSim.Auth;
using Trader.ExchangeSim.Faults;
using Trader.ExchangeSim.Market;
using Trader.Host.Execution;
using Trader.Pipeline.Clock;
using Trader.State.Storage;
using Trader.Testing;

namespace Trader.EndToEnd.Tests.Execution;

/// <summary>
/// The exchange simulator in-process on 127.0.0.1:0 (real sockets) on a virtual clock, a freshly generated ES256 key it
/// accepts, our REST client signing with the private half, a state database in a temp folder and an order manager over
/// <see cref="CoinbaseVenue"/>. BTC-USD book: bids 59990 × 0.5, 59980 × 1; offers 60000 × 0.5, 60010 × 1.
/// </summary>
public sealed class ExecutionHarness : IAsyncDisposable
{
    public const string KeyName = "organizations/org-e2e/apiKeys/key-e2e";
    public const string Product = "BTC-USD";
    public const string BotId = "trdr";

    private readonly TempDir _dir;
    private readonly HttpClient _http;
    private readonly CoinbaseJwtFactory _jwt;
    private readonly InFlightCounter _counter;

    private ExecutionHarness(VirtualClock clock, ExchangeSimulator sim, TempDir dir, HttpClient http, CoinbaseJwtFactory jwt,
        CoinbaseRestClient client, ProductInfo info, InFlightCounter counter)
    {
        _counter = counter;
        Clock = clock;
        Sim = sim;
        _dir = dir;
        _http = http;
        _jwt = jwt;
        Client = client;
        Info = info;
        Sizer = new OrderSizer(40m, 60m, 1m); // the simulator's default 0.4 % maker / 0.6 % taker
        State = StateStore.Open(dir.File("state.db"));
    }

    public VirtualClock Clock { get; }
    public ExchangeSimulator Sim { get; }
    public CoinbaseRestClient Client { get; }
    public ProductInfo Info { get; }
    public OrderSizer Sizer { get; }
    public StateStore State { get; private set; }
    public List<OrderAmbiguous> Alerts { get; } = [];

    public static async Task<ExecutionHarness> StartAsync(FaultOptions? faults = null, int seed = 7, decimal usd = 100_000m)
    {
        var clock = VirtualTime.Create();
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var publicKey = ECDsa.Create(key.ExportParameters(includePrivateParameters: false));
        var sim = await ExchangeSimulator.StartAsync(new SimulatorOptions(clock.TimeProvider)
        {
            Market = MarketSource.External(),
            AcceptedKeys = [AcceptedKey.FromEcdsa(KeyName, publicKey)],
            PrivateRequestsPerSecond = 0,
            PublicRequestsPerSecond = 0,
            Faults = faults ?? FaultOptions.None,
            Seed = seed,
            Balances = new Dictionary<string, decimal> { ["USD"] = usd },
        });
        Ingest(sim, L2(Product, [("bid", "59990", "0.5"), ("bid", "59980", "1"), ("offer", "60000", "0.5"), ("offer", "60010", "1")]));
        var jwt = new CoinbaseJwtFactory(new ApiCredentials(KeyName, key.ExportECPrivateKeyPem()), clock.TimeProvider);
        var counter = new InFlightCounter();
        var http = new HttpClient(counter, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
        var client = new CoinbaseRestClient(http, jwt, clock.TimeProvider,
            new CoinbaseRestOptions { BaseUri = new Uri(sim.RestBaseUrl), RequestTimeout = TimeSpan.FromMinutes(5) },
            new RestRetryPolicy(clock.TimeProvider, new FullJitterBackoff(new Random(seed))));
        var product = await RunAsync(clock, counter, () => client.GetProductAsync(Product));
        var p = product.Value;
        var info = new ProductInfo(p.ProductId, "BTC", "USD", p.BaseIncrement, p.QuoteIncrement, p.PriceIncrement ?? p.QuoteIncrement,
            p.BaseMinSize, p.QuoteMinSize);
        return new ExecutionHarness(clock, sim, new TempDir("exec"), http, jwt, client, info, counter);
    }

    public OrderManager Manager(ExecutionOrderType type, Random? random = null) => new(
        State,
        new CoinbaseVenue(Client, "sim"),
        Sizer,
        new ExecutionSettings(BotId, TradingMode.Live, type, TimeSpan.FromMinutes(60), TimeSpan.FromMinutes(120)),
        Clock.TimeProvider,
        id => id == Info.ProductId ? Info : null,
        Alerts.Add,
        random ?? new Random(11));

    /// <summary>Closes and reopens the state database: what a process restart sees.</summary>
    public void ReopenState()
    {
        var path = State.Path;
        State.Dispose();
        State = StateStore.Open(path);
    }

    public static ApprovedOrder Approve(SizedOrder order, ExitReason? exit = null) => new(
        new TradeProposal(order.ProductId, order.Side, order.Side == OrderSide.Buy ? ProposalKind.Entry : ProposalKind.Exit,
            1m, 10m, 12m, 0.5m, null, "test", null, order.Side == OrderSide.Sell ? order.BaseSize : null, exit),
        order, order.Notional, false, "test");

    public SizedOrder Buy(decimal notional, decimal price, LiquidityRole role) =>
        Sizer.SizeBuy(Info, notional, notional, price, role).Order ?? throw new InvalidOperationException("sizer refused the test order");

    public SizedOrder Sell(decimal baseSize, decimal price, LiquidityRole role) =>
        Sizer.SizeSell(Info, baseSize, price, role).Order ?? throw new InvalidOperationException("sizer refused the test order");

    /// <summary>Every order the simulator holds for our product (list orders, all pages).</summary>
    public async Task<IReadOnlyList<Trader.Coinbase.Rest.Orders.CoinbaseOrder>> VenueOrdersAsync()
    {
        var result = await RunAsync(Clock, _counter, () => Client.ListOrdersAsync(new Trader.Coinbase.Rest.Orders.OrderListFilter(ProductIds: [Product])));
        return result.Value;
    }

    public Task<T> Run<T>(Func<Task<T>> operation) => RunAsync(Clock, _counter, operation);

    /// <summary>
    /// Runs an operation that talks to the simulator over a real socket while its timers (REQ-CB1 retry waits) live on
    /// the virtual clock: the clock moves to the next due timer (at most 5 s ahead) only while no request is on the
    /// wire, so a request's JWT never expires under it and only waits (retry backoff, simulator ticks) are skipped.
    /// </summary>
    public static async Task<T> RunAsync<T>(VirtualClock clock, InFlightCounter counter, Func<Task<T>> operation)
    {
        var task = Task.Run(operation);
        var realDeadline = TimeProvider.System.GetTimestamp() + TimeProvider.System.TimestampFrequency * 30;
        var idleChecks = 0;
        while (!task.IsCompleted)
        {
            if (TimeProvider.System.GetTimestamp() > realDeadline)
                throw new TimeoutException($"the operation did not finish; virtual time {clock.Now:O}, next due {clock.NextDue:O}");
            idleChecks = counter.InFlight == 0 ? idleChecks + 1 : 0;
            if (idleChecks >= 2 && clock.NextDue is { } due && due - clock.Now <= TimeSpan.FromSeconds(5))
            {
                clock.AdvanceTo(due < clock.Now ? clock.Now : due);
                idleChecks = 0;
            }
            // realtime-ok: the operation waits on a real loopback socket; this waits for it (or 1 ms) without moving the clock.
            else await Task.WhenAny(task, Task.Delay(TimeSpan.FromMilliseconds(1), TimeProvider.System)); // realtime-ok: yield 1 ms to the socket while the virtual clock waits for the request
        }
        return await task;
    }

    public static string L2(string productId, (string Side, string Price, string Size)[] levels)
    {
        var updates = new JsonArray();
        foreach (var (side, price, size) in levels)
            updates.Add(new JsonObject { ["side"] = side, ["event_time"] = "2025-01-06T12:00:00Z", ["price_level"] = price, ["new_quantity"] = size });
        return new JsonObject
        {
            ["channel"] = "l2_data", ["timestamp"] = "2025-01-06T12:00:00Z", ["sequence_num"] = 0,
            ["events"] = new JsonArray { new JsonObject { ["type"] = "snapshot", ["product_id"] = productId, ["updates"] = updates } },
        }.ToJsonString();
    }

    private static void Ingest(ExchangeSimulator sim, string frame)
    {
        if (!sim.IngestFrame(frame)) throw new InvalidOperationException("the simulator rejected the book frame");
    }

    public async ValueTask DisposeAsync()
    {
        State.Dispose();
        _http.Dispose();
        _jwt.Dispose();
        await Sim.DisposeAsync();
        _dir.Dispose();
    }
}
