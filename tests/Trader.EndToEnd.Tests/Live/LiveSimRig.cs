using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using Trader.Coinbase.Auth;
using Trader.Coinbase.Rest;
using Trader.Coinbase.Rest.Orders;
using Trader.Domain.Security;
using Trader.ExchangeSim;
using Trader.ExchangeSim.Auth;
using Trader.ExchangeSim.Faults;
using Trader.ExchangeSim.Market;
using Trader.Testing;

namespace Trader.EndToEnd.Tests.Live;

/// <summary>
/// LIVE against the simulator as venue, for real `trader run` processes: the simulator in-process on 127.0.0.1 on the
/// real clock (its seeded random walk on BTC-USD and ETH-USD), a freshly generated ES256 key it accepts (handed to the
/// child process in the environment, never in config), a config that meets REQ-M1 and trades the walk quickly (2 s
/// cycles, a one-minute breakout lookback so the first closed candle can trigger, no spacing limits), and probes of
/// both sides of the count: the state DB (read-only, also while the process runs) and the venue's own orders (REST).
/// </summary>
public sealed class LiveSimRig : IAsyncDisposable
{
    public const string KeyName = "organizations/org-live-e2e/apiKeys/key-live-e2e";
    public static readonly string[] Products = ["BTC-USD", "ETH-USD"];

    private readonly ECDsa _key;
    private readonly HttpClient _http = new() { Timeout = Timeout.InfiniteTimeSpan };
    private readonly CoinbaseJwtFactory _jwt;

    private LiveSimRig(TempDir dir, ExchangeSimulator sim, ECDsa key, string config)
    {
        Dir = dir;
        Sim = sim;
        _key = key;
        Config = config;
#pragma warning disable RS0030 // tests/: the probe talks to a simulator running on the real clock
        _jwt = new CoinbaseJwtFactory(new ApiCredentials(KeyName, key.ExportECPrivateKeyPem()), TimeProvider.System);
        Client = new CoinbaseRestClient(_http, _jwt, TimeProvider.System, new CoinbaseRestOptions { BaseUri = new Uri(sim.RestBaseUrl) });
#pragma warning restore RS0030
    }

    public TempDir Dir { get; }
    public ExchangeSimulator Sim { get; }
    public string Config { get; }
    public CoinbaseRestClient Client { get; }
    public string DataDir => Dir.File("var");
    public string StatePath => Path.Combine(DataDir, "state.db");
    public string Venue => "sim:" + Sim.RestBaseUrl;

    public IDictionary<string, string?> Environment => new Dictionary<string, string?>
    {
        ["COINBASE_API_KEY_NAME"] = KeyName,
        ["COINBASE_API_PRIVATE_KEY"] = _key.ExportECPrivateKeyPem(),
    };

    public static async Task<LiveSimRig> StartAsync(string name, string orderType, string faults = "", int seed = 11)
    {
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var publicKey = ECDsa.Create(key.ExportParameters(includePrivateParameters: false));
#pragma warning disable RS0030 // tests/: an end-to-end run is on the real clock
        var sim = await ExchangeSimulator.StartAsync(new SimulatorOptions(TimeProvider.System)
        {
            Market = MarketSource.RandomWalk(seed),
            AcceptedKeys = [AcceptedKey.FromEcdsa(KeyName, publicKey)],
            Faults = FaultOptions.Parse(faults),
            Seed = seed,
            PrivateRequestsPerSecond = 0,
            PublicRequestsPerSecond = 0,
        });
        var today = TimeProvider.System.GetUtcNow().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
#pragma warning restore RS0030
        var dir = new TempDir(name);
        var config = ConfigFixture.CopyShipped(dir.Path,
            ("app.yaml", "mode: DRY_RUN", "mode: LIVE"),
            ("app.yaml", "read_only: true", "read_only: false"),
            ("app.yaml", "wss://advanced-trade-ws.coinbase.com", sim.MarketWebSocketUrl),
            ("app.yaml", "rotated_on: null", "rotated_on: " + today),
            ("app.yaml", "interval_seconds: 60", "interval_seconds: 2"),
            ("policy.yaml", "live_trading_enabled: false", "live_trading_enabled: true"),
            ("policy.yaml", "min_seconds_between_trades: 90", "min_seconds_between_trades: 0"),
            ("policy.yaml", "per_symbol_trade_spacing_seconds: 900", "per_symbol_trade_spacing_seconds: 0"),
            ("policy.yaml", "max_trades_per_hour: 5 ", "max_trades_per_hour: 1000 "),
            ("policy.yaml", "min_24h_volume_usd: 5000000", "min_24h_volume_usd: 1000"),
            ("policy.yaml", "lookback_hours: 24                 # close", "lookback_hours: 0.02               # close"),
            ("policy.yaml", "default_order_type: limit_post_only", "default_order_type: " + orderType),
            ("policy.yaml", "max_new_positions_per_cycle: 1", "max_new_positions_per_cycle: 2"),
            // The kill -9 and kill drills need post-only orders that keep resting for the whole test: no re-price, no
            // taker fallback (the working-order lifecycle is proven in tests/Trader.Host.Tests/Execution).
            ("policy.yaml", "post_only_ttl_seconds: 15 ", "post_only_ttl_seconds: 3600 "),
            ("policy.yaml", "cancel_after_seconds: 60 ", "cancel_after_seconds: 7200 "),
            ("universe.yaml", "symbols: [BTC-USD, ETH-USD, SOL-USD]", "symbols: [BTC-USD, ETH-USD]"),
            ("universe.yaml", "symbols: [DOGE-USD, XRP-USD, ADA-USD, AVAX-USD, DOT-USD, LINK-USD, UNI-USD, ATOM-USD, LTC-USD]", "symbols: []"),
            ("universe.yaml", "min_24h_volume_usd: 10000000", "min_24h_volume_usd: 1000"));
        return new LiveSimRig(dir, sim, key, config);
    }

    public TraderProcess StartRun() =>
        TraderProcess.Start(["run", "--mode", "live", "--venue", Venue, "--metrics-port", "0", "--config", Config, "--data-dir", DataDir], Environment);

    /// <summary>PAPER with the paper wallet: the simulator is only the market feed; no key is handed over.</summary>
    public TraderProcess StartPaperRun() =>
        TraderProcess.Start(["run", "--mode", "paper", "--venue", "paper", "--metrics-port", "0", "--config", Config, "--data-dir", DataDir]);

    /// <summary>The paper wallet's balances (<c>paper.db</c> in the data dir).</summary>
    public IReadOnlyDictionary<string, decimal> PaperBalances() => Query(Path.Combine(DataDir, "paper.db"), "SELECT currency, amount FROM paper_balances")
        .ToDictionary(r => r[0], r => decimal.Parse(r[1], CultureInfo.InvariantCulture));

    public TraderProcess StartCommand(params string[] args) =>
        TraderProcess.Start([.. args, "--config", Config, "--data-dir", DataDir], Environment);

    /// <summary>Every order row of the state DB (read-only: works while `trader run` holds it; none before its schema exists).</summary>
    public IReadOnlyList<StateOrderRow> StateOrders() =>
        Query("SELECT client_order_id, product_id, side, status, COALESCE(venue_order_id, ''), filled_size FROM orders ORDER BY created_ts")
            .Select(r => new StateOrderRow(r[0], r[1], r[2], r[3], r[4].Length == 0 ? null : r[4], decimal.Parse(r[5], CultureInfo.InvariantCulture)))
            .ToList();

    /// <summary>Base size held per product according to the state DB's positions.</summary>
    public IReadOnlyDictionary<string, decimal> StatePositions() => Query("SELECT product_id, base_size FROM positions")
        .ToDictionary(r => r[0], r => decimal.Parse(r[1], CultureInfo.InvariantCulture));

    /// <summary>Sum of recorded fill sizes per client order id.</summary>
    public IReadOnlyDictionary<string, decimal> StateFilledByOrder() => Query("SELECT client_order_id, size FROM fills")
        .GroupBy(r => r[0]).ToDictionary(g => g.Key, g => g.Sum(r => decimal.Parse(r[1], CultureInfo.InvariantCulture)));

    private List<string[]> Query(string sql) => Query(StatePath, sql);

    private static List<string[]> Query(string path, string sql)
    {
        var rows = new List<string[]>();
        if (!File.Exists(path)) return rows;
        using var db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        db.Open();
        using var command = db.CreateCommand();
        command.CommandText = sql;
        SqliteDataReader reader;
        try
        {
            reader = command.ExecuteReader();
        }
        catch (SqliteException e) when (e.Message.Contains("no such table", StringComparison.Ordinal))
        {
            return rows; // the process is still creating its schema
        }
        using var _ = reader;
        while (reader.Read())
        {
            var row = new string[reader.FieldCount];
            for (var i = 0; i < row.Length; i++) row[i] = reader.GetString(i);
            rows.Add(row);
        }
        return rows;
    }

    /// <summary>Every order the simulator holds (any status), read over its REST API with the test key.</summary>
    public async Task<IReadOnlyList<CoinbaseOrder>> VenueOrdersAsync()
    {
        var result = await Client.ListOrdersAsync(new OrderListFilter(ProductIds: Products));
        Assert.True(result.IsOk, "listing the simulator's orders failed: " + result.Failure);
        return result.Value;
    }

    /// <summary>
    /// NFR-R1's invariant, both sides counted: every venue order has exactly one state row with its client order id
    /// and venue id; every state row that says it reached the venue is on the venue; no client order id twice on either
    /// side; what state says is filled is what the venue filled; held positions equal the venue's balances.
    /// <paramref name="fillsSettled"/> false skips the fill comparisons (resting orders may fill while the probe reads).
    /// </summary>
    public async Task AssertStateMatchesVenueAsync(bool fillsSettled = true)
    {
        var venue = await VenueOrdersAsync();
        var state = StateOrders();
        var venueIds = venue.Select(o => o.ClientOrderId ?? "").ToList();
        Assert.Equal(venueIds.Count, venueIds.Distinct().Count());
        Assert.Equal(state.Count, state.Select(o => o.ClientOrderId).Distinct().Count());
        var byId = state.ToDictionary(o => o.ClientOrderId);
        foreach (var order in venue)
        {
            Assert.True(byId.TryGetValue(order.ClientOrderId ?? "", out var row), $"venue order {order.OrderId} ({order.ClientOrderId}) has no state row");
            Assert.Equal(order.OrderId, row!.VenueOrderId);
            Assert.NotEqual("rejected", row.Status);
            if (fillsSettled) Assert.Equal(order.FilledSize ?? 0m, row.FilledSize);
        }
        foreach (var row in state.Where(r => r.Status is "open" or "filled" or "cancelled" or "expired"))
            Assert.Contains(row.ClientOrderId, venueIds);
        if (!fillsSettled) return;
        var filled = StateFilledByOrder();
        foreach (var row in state) Assert.Equal(filled.GetValueOrDefault(row.ClientOrderId), row.FilledSize);
        var positions = StatePositions();
        foreach (var product in Products)
        {
            var currency = product.Split('-')[0];
            Assert.Equal(Sim.Balance(currency).Balance, positions.GetValueOrDefault(product));
        }
    }

    public async ValueTask DisposeAsync()
    {
        _jwt.Dispose();
        _http.Dispose();
        _key.Dispose();
        await Sim.DisposeAsync();
        Dir.Dispose();
    }
}
