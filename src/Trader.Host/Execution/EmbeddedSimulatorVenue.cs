using System.Security.Cryptography;
using Trader.Coinbase.Auth;
using Trader.Coinbase.Rest;
using Trader.Coinbase.Retry;
using Trader.Domain.Security;
using Trader.ExchangeSim;
using Trader.ExchangeSim.Auth;
using Trader.ExchangeSim.Market;

namespace Trader.Host.Execution;

/// <summary>
/// PAPER with venue <c>sim</c> (CONTRACTS.md §2): the exchange simulator in-process on 127.0.0.1 (any free port) over
/// real sockets, a throwaway ES256 key made at start whose public half the simulator accepts, and the real
/// <see cref="CoinbaseRestClient"/> signing JWTs with the private half behind a <see cref="CoinbaseVenue"/> named
/// <c>sim</c>. Everything runs on the given clock: in a replay the simulator shares the replay's virtual clock (JWT
/// nbf/exp, order and fill timestamps). The simulator's book comes from <see cref="EmbeddedSimulatorSettings.Market"/>;
/// with <see cref="MarketSource.External"/> (the default) the embedding code feeds it with <see cref="Ingest"/>.
/// The private key never leaves the process and is not written anywhere.
/// </summary>
public sealed class EmbeddedSimulatorVenue : IAsyncDisposable
{
    public const string KeyName = "organizations/embedded-sim/apiKeys/throwaway";
    public const string VenueName = "sim";

    private readonly HttpClient _http;
    private readonly CoinbaseJwtFactory _jwt;
    private readonly Lock _cashGate = new();
    private decimal _cash;

    private EmbeddedSimulatorVenue(ExchangeSimulator simulator, HttpClient http, CoinbaseJwtFactory jwt, CoinbaseRestClient client, string cashCurrency, decimal cash)
    {
        Simulator = simulator;
        _http = http;
        _jwt = jwt;
        Client = client;
        Venue = new CoinbaseVenue(client, VenueName);
        CashCurrency = cashCurrency;
        _cash = cash;
    }

    public ExchangeSimulator Simulator { get; }

    /// <summary>The real REST client, pointed at the simulator's base URL.</summary>
    public CoinbaseRestClient Client { get; }

    /// <summary>The order manager's venue.</summary>
    public CoinbaseVenue Venue { get; }

    public string CashCurrency { get; }

    /// <summary>Signs the <c>user</c> channel's subscribe messages with the throwaway key.</summary>
    public Trader.Coinbase.Feed.IWsJwtFactory WebSocketTokens => _jwt;

    /// <summary>Total balance (available + hold) of <see cref="CashCurrency"/> at the last <see cref="RefreshCashAsync"/>.</summary>
    public decimal Cash
    {
        get { lock (_cashGate) return _cash; }
    }

    public static async Task<EmbeddedSimulatorVenue> StartAsync(EmbeddedSimulatorSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var publicKey = ECDsa.Create(key.ExportParameters(includePrivateParameters: false));
        var simulator = await ExchangeSimulator.StartAsync(new SimulatorOptions(settings.Clock)
        {
            Market = settings.Market ?? MarketSource.External(),
            AcceptedKeys = [AcceptedKey.FromEcdsa(KeyName, publicKey)],
            Balances = settings.Balances,
            MakerFeeRate = settings.MakerFeeRate,
            TakerFeeRate = settings.TakerFeeRate,
            Seed = settings.Seed,
            Faults = settings.Faults,
            // A replay does not move its clock while a request is on the wire: every request of a cycle happens at
            // one virtual instant, which a per-second limit would count as a burst.
            PrivateRequestsPerSecond = settings.RateLimited ? 30 : 0,
            PublicRequestsPerSecond = settings.RateLimited ? 10 : 0,
            // Its only client is this process. In a replay its clock runs ahead of the sockets at max speed, so an idle
            // close would cut the user channel every 90 s of market time although nothing is wrong with it.
            IdleTimeout = null,
        }, cancellationToken).ConfigureAwait(false);

        HttpClient? http = null;
        CoinbaseJwtFactory? jwt = null;
        try
        {
            jwt = new CoinbaseJwtFactory(new ApiCredentials(KeyName, key.ExportECPrivateKeyPem()), settings.Clock);
            http = new HttpClient(new SocketsHttpHandler { UseProxy = false }, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
            var client = new CoinbaseRestClient(http, jwt, settings.Clock,
                new CoinbaseRestOptions { BaseUri = new Uri(simulator.RestBaseUrl), RequestTimeout = settings.RequestTimeout },
                new RestRetryPolicy(settings.Clock, new FullJitterBackoff(new Random(settings.Seed))));
            var cashCurrency = settings.CashCurrency;
            return new EmbeddedSimulatorVenue(simulator, http, jwt, client, cashCurrency, settings.Balances.GetValueOrDefault(cashCurrency));
        }
        catch
        {
            http?.Dispose();
            jwt?.Dispose();
            await simulator.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Applies one Advanced Trade frame (UTF-8 JSON) to the simulator's books; false when it could not be used.</summary>
    public bool Ingest(ReadOnlyMemory<byte> frameUtf8) => Simulator.IngestFrame(frameUtf8);

    /// <summary>
    /// Reads the cash balance through <c>GET /accounts</c> (what LIVE would do). On failure the last known balance is
    /// kept and the failure returned.
    /// </summary>
    public async Task<string?> RefreshCashAsync(CancellationToken cancellationToken)
    {
        var accounts = await Client.ListAccountsAsync(cancellationToken).ConfigureAwait(false);
        if (!accounts.TryGetValue(out var list)) return accounts.Failure.ToString();
        var total = list.Where(a => string.Equals(a.Currency, CashCurrency, StringComparison.OrdinalIgnoreCase)).Sum(a => a.Total);
        lock (_cashGate) _cash = total;
        return null;
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        _jwt.Dispose();
        await Simulator.DisposeAsync().ConfigureAwait(false);
    }
}
