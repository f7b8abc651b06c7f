using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Trader.ExchangeSim.Auth;
using Trader.ExchangeSim.Faults;
using Trader.ExchangeSim.Market;
using Trader.ExchangeSim.Rest;
using Trader.ExchangeSim.WebSockets;

namespace Trader.ExchangeSim;

/// <summary>
/// A Coinbase Advanced Trade compatible exchange on loopback (CONTRACTS.md §10): REST under
/// <c>/api/v3/brokerage</c>, the market WebSocket at <c>/ws</c> (also <c>/</c>) and the user WebSocket at
/// <c>/ws/user</c>. Everything time-related runs on <see cref="SimulatorOptions.Clock"/>.
/// </summary>
public sealed class ExchangeSimulator : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Venue _venue;
    private readonly WsHub _hub;
    private readonly JwtVerifier _verifier;
    private readonly CancellationTokenSource _stopping = new();
    private ITimer? _ticker;
    private RandomWalkFeed? _walk;
    private CaptureFeed? _capture;
    private int _disposed;

    private ExchangeSimulator(SimulatorOptions options)
    {
        Options = options;
        var faults = new FaultInjector(options.Faults, options.Seed, options.Clock.GetUtcNow());
        _hub = new WsHub();
        _venue = new Venue(options, _hub, faults);
        _verifier = new JwtVerifier(options.AcceptedKeys, options.Clock, options.JwtLeeway);
        _hub.Venue = _venue;
        _hub.Verifier = _verifier;

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IHostLifetime, EmbeddedLifetime>();
        if (!System.Net.IPAddress.TryParse(options.BindAddress, out var address))
            throw new ArgumentException($"bind address '{options.BindAddress}' is not an IP address");
        builder.WebHost.ConfigureKestrel(k => k.Listen(address, options.Port));
        _app = builder.Build();
        var rest = new RestApi(_venue, _verifier, () => OwnHosts);
        _app.UseWebSockets();
        _app.Run(context => DispatchAsync(context, rest));
    }

    public SimulatorOptions Options { get; }
    public int Port { get; private set; }
    /// <summary><c>http://127.0.0.1:PORT</c>; REST paths are under <c>/api/v3/brokerage</c>.</summary>
    public string RestBaseUrl => $"http://{Host}";
    public string MarketWebSocketUrl => $"ws://{Host}/ws";
    public string UserWebSocketUrl => $"ws://{Host}/ws/user";
    public FaultCounters Faults => _venue.Faults.Counters;
    public int WebSocketConnections => _hub.ConnectionCount;
    /// <summary>
    /// Frames ever queued for the user-endpoint connections (updates, snapshots, acks, errors): a client in lockstep
    /// with the simulator's clock has seen everything up to now once it has received this many.
    /// </summary>
    public long UserFramesQueued => _hub.UserFramesQueued;
    /// <summary>Whether some connection is subscribed to the <c>user</c> channel (order updates reach it).</summary>
    public bool HasUserSubscriber => _hub.AnyUserSubscriber;
    /// <summary>Frames and capture lines that could not be used.</summary>
    public long RejectedFrames => _venue.RejectedFrames + (_capture?.BadLines ?? 0);
    /// <summary>Completes when a capture has been read to its end (immediately for other sources).</summary>
    public Task CaptureCompletion => _capture?.Completion ?? Task.CompletedTask;

    private string Host => $"{Options.BindAddress}:{Port.ToString(CultureInfo.InvariantCulture)}";

    private IReadOnlyCollection<string> OwnHosts => [Host, $"localhost:{Port.ToString(CultureInfo.InvariantCulture)}"];

    public static async Task<ExchangeSimulator> StartAsync(SimulatorOptions options, CancellationToken cancellationToken = default)
    {
        if (options.Market.CapturePath is { } path && !File.Exists(path))
            throw new FileNotFoundException($"capture '{path}' not found", path);
        var simulator = new ExchangeSimulator(options);
        try
        {
            await simulator._app.StartAsync(cancellationToken);
            var addresses = simulator._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
            simulator.Port = new Uri(addresses.First()).Port;
            simulator.StartFeeds();
            return simulator;
        }
        catch
        {
            await simulator.DisposeAsync();
            throw;
        }
    }

    private void StartFeeds()
    {
        var clock = Options.Clock;
        _ticker = clock.CreateTimer(_ =>
        {
            _venue.PublishCandleUpdates();
            _hub.Tick(clock.GetUtcNow());
        }, null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        var source = Options.Market;
        if (source.RandomWalkSeed is { } seed) _walk = new RandomWalkFeed(_venue, seed, source.RandomWalkStep);
        else if (source.CapturePath is { } path)
        {
            _capture = new CaptureFeed(_venue, path, source.Alignment);
            _capture.Start(_stopping.Token);
        }
    }

    private async Task DispatchAsync(HttpContext context, RestApi rest)
    {
        var path = context.Request.Path.Value ?? "/";
        try
        {
            if (context.WebSockets.IsWebSocketRequest)
            {
                if (path is "/" or "/ws") await _hub.AcceptAsync(context, userEndpoint: false);
                else if (path is "/ws/user") await _hub.AcceptAsync(context, userEndpoint: true);
                else context.Response.StatusCode = 404;
                return;
            }
            if (path.StartsWith(RestApi.Prefix + "/", StringComparison.Ordinal)) await rest.HandleAsync(context);
            else
            {
                context.Response.StatusCode = 404;
                await context.Response.WriteAsync("404 page not found");
            }
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested || _stopping.IsCancellationRequested)
        {
        }
        catch (Exception) when (!context.Response.HasStarted)
        {
            context.Response.StatusCode = 500;
            await context.Response.WriteAsync("{\"error\":\"INTERNAL\",\"code\":13,\"message\":\"simulator error\",\"details\":[]}");
        }
    }

    /// <summary>Applies one Advanced Trade frame to the books (for <see cref="MarketSource.External"/>); false when unusable.</summary>
    public bool IngestFrame(string frameJson) => _venue.IngestFrame(frameJson);

    /// <summary>The same for a frame's UTF-8 JSON bytes (e.g. a capture line fed in lockstep with a replay).</summary>
    public bool IngestFrame(ReadOnlyMemory<byte> frameUtf8) => _venue.IngestFrame(frameUtf8);

    /// <summary>Changes a product's flags (<c>cancel_only</c>, <c>limit_only</c>, <c>post_only</c>,
    /// <c>trading_disabled</c>, status); false for an unknown product.</summary>
    public bool SetProductFlags(string productId, Action<SimProduct> change) => _venue.SetProductFlags(productId, change);

    public void AcceptKey(AcceptedKey key) => _verifier.Add(key);

    /// <summary>Total balance and the part held by open orders.</summary>
    public (decimal Balance, decimal Hold) Balance(string currency) => _venue.BalanceOf(currency);

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        await _stopping.CancelAsync();
        _ticker?.Dispose();
        _walk?.Dispose();
        _hub.AbortAll();
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
        if (_capture is not null)
            try { await _capture.Completion; } catch (OperationCanceledException) { }
        _stopping.Dispose();
    }
}
