using System.Collections.Concurrent;
using Trader.Coinbase.Feed;
using Trader.Coinbase.Parsing;
using Trader.Domain.Market;
using Trader.ExchangeSim;
using Trader.ExchangeSim.Faults;
using Trader.ExchangeSim.Market;
using Trader.Pipeline.Guards;
using Trader.Pipeline.Market;

namespace Trader.EndToEnd.Tests.Feed;

/// <summary>
/// The real feed client and market-data session connected over a real socket to the real simulator with one
/// fault injected, both on the real clock. Records every connection change, resync, rejection and event, and
/// checks on every one of them that a product the session calls online really had fresh data since the
/// current connection opened (the "no stale quote served as fresh" invariant).
/// </summary>
internal sealed class FeedSession : IAsyncDisposable, IMarketEventSink
{
    public const string Product = "BTC-USD";

    private readonly ConcurrentQueue<string> _violations = new();
    private readonly object _gate = new();
    private long _freshConnection;
    private long _frameConnection;

    private FeedSession(ExchangeSimulator sim, CoinbaseFeedOptions options, TimeSpan? subscriptionTimeout)
    {
        Simulator = sim;
#pragma warning disable RS0030 // tests/ is outside the ban; real sockets against the simulator run on the real clock
        Client = new CoinbaseFeedClient(options, TimeProvider.System);
#pragma warning restore RS0030
        Client.FrameReceived += f => Volatile.Write(ref _frameConnection, f.ConnectionId);
        Feed = new CoinbaseMarketDataFeed(Client, [Product], this, subscriptionTimeout: subscriptionTimeout);
        // Wired as TraderService wires the market pipeline: events into the processor, connection changes as feed up/down.
        Market = new MarketState(Staleness);
        Market.Track(Product);
        Processor = new MarketFeedProcessor(Market, System.Reactive.Concurrency.Scheduler.Default, Staleness,
            new OutlierSettings(Sigma: 1_000, Window: TimeSpan.FromSeconds(60)), _ => 10_000m);
        Client.Connected += _ => Processor.OnFeed(true);
        Client.Disconnected += _ => Processor.OnFeed(false);
        // Subscribed after the session's and the pipeline's handlers, so these see the state they left.
        Client.Connected += c =>
        {
            Connects.Enqueue(c);
            CheckNotOnline($"at connect {c.ConnectionId}");
            CheckPipelineNotFresh($"at connect {c.ConnectionId}", c.At);
        };
        Client.Disconnected += d =>
        {
            CheckPipelineNotFresh($"at disconnect {d.ConnectionId}", null);
            Disconnects.Enqueue(d);
            CheckNotOnline($"at disconnect {d.ConnectionId} ({d.Reason})");
        };
        Client.FrameReceived += OnFrameAfterSession;
        // The resync is raised on the receive thread before the next frame is handled: Events.Count is exact here.
        Feed.Resync += r => Resyncs.Enqueue((r, Events.Count));
        Feed.FrameRejected += r => Rejections.Enqueue(r);
        // Subscribed before the client starts, so even a retry due at the very first frame is recorded.
        Feed.SubscriptionRetried += Retries.Enqueue;
    }

    /// <summary>The shipped <c>max_quote_age_seconds</c> (5 s) and a long OHLCV limit.</summary>
    public static readonly StalenessSettings Staleness = new(TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(10));

    public ExchangeSimulator Simulator { get; }
    public MarketState Market { get; }
    public MarketFeedProcessor Processor { get; }

    /// <summary>Moments the pipeline's view called the product online with a non-stale quote while the feed could not vouch for it.</summary>
    public ConcurrentQueue<string> PipelineViolations { get; } = new();
    public CoinbaseFeedClient Client { get; }
    public CoinbaseMarketDataFeed Feed { get; }
    public ConcurrentQueue<FeedConnected> Connects { get; } = new();
    public ConcurrentQueue<FeedDisconnected> Disconnects { get; } = new();
    /// <summary>Each resync with the number of events recorded when it was raised.</summary>
    public ConcurrentQueue<(FeedResync Resync, int EventsBefore)> Resyncs { get; } = new();
    public ConcurrentQueue<ParseResult> Rejections { get; } = new();
    /// <summary>Resubscribes of channels that had delivered nothing on their connection.</summary>
    public ConcurrentQueue<SubscriptionRetry> Retries { get; } = new();
    public ConcurrentQueue<(long Connection, MarketEvent Event)> Events { get; } = new();
    public IReadOnlyCollection<string> Violations => _violations;

    /// <summary>Frames per connection id, counted after the session handled them.</summary>
    public ConcurrentDictionary<long, long> FramesByConnection { get; } = new();

    public static async Task<FeedSession> StartAsync(
        string faults, Func<CoinbaseFeedOptions, CoinbaseFeedOptions>? tune = null, int seed = 11, TimeSpan? subscriptionTimeout = null)
    {
#pragma warning disable RS0030 // see above
        var sim = await ExchangeSimulator.StartAsync(new SimulatorOptions(TimeProvider.System)
        {
            Market = MarketSource.RandomWalk(seed),
            Seed = seed,
            Faults = FaultOptions.Parse(faults),
        });
#pragma warning restore RS0030
        var options = CoinbaseFeedOptions.Market(sim.MarketWebSocketUrl, [Product]) with
        {
            // The simulator's frames come in once-a-second bursts (its tick and random-walk timers share a phase), so
            // the silence timeout needs real margin over 1 s: at 1.5 s one burst late by 0.5 s under CI load cost a
            // connection. 2.5 s still fires well inside the 3 s stall and twice inside the ignored-subscribe test.
            SilenceTimeout = TimeSpan.FromSeconds(2.5),
            BackoffBase = TimeSpan.FromMilliseconds(100),
            BackoffCap = TimeSpan.FromMilliseconds(300),
            ConnectTimeout = TimeSpan.FromSeconds(3),
        };
        var session = new FeedSession(sim, tune is null ? options : tune(options), subscriptionTimeout);
        session.Client.Start();
        return session;
    }

    /// <summary>Waits (real time, bounded) until <paramref name="condition"/> holds.</summary>
    public static async Task<bool> WaitUntilAsync(Func<bool> condition, TimeSpan timeout)
    {
        var elapsed = System.Diagnostics.Stopwatch.StartNew(); // realtime-ok: real sockets against the simulator
        while (!condition())
        {
            if (elapsed.Elapsed > timeout) return false;
            await Task.Delay(25); // realtime-ok: real sockets against the simulator
        }
        return true;
    }

    /// <summary>What a failure message needs to tell a silent reconnect from a resubscribe that brought nothing.</summary>
    public string Describe() =>
        $"connections {Client.Connections}; ignored subscribes {Simulator.Faults.IgnoredSubscribes}; " +
        $"disconnects [{string.Join("; ", Disconnects.Select(d => $"#{d.ConnectionId} {d.Reason} ({d.Detail}) after {d.FramesReceived} frames at {d.At:HH:mm:ss.fff}"))}]; " +
        $"retries [{string.Join(", ", Retries.Select(r => $"#{r.ConnectionId} {r.Channel}#{r.Attempt}@{r.At:HH:mm:ss.fff}"))}]; " +
        $"unserved [{string.Join(", ", Feed.UnservedChannels)}]; frames by connection [{string.Join(", ", FramesByConnection.OrderBy(p => p.Key).Select(p => $"#{p.Key}:{p.Value}"))}]; " +
        $"events [{string.Join(", ", Events.GroupBy(e => (e.Connection, e.Event.GetType().Name)).Select(g => $"#{g.Key.Connection} {g.Key.Name}x{g.Count()}"))}]";

    public bool IsOnline => Feed.GetFeedHealth(Product) == ProductHealth.Online;

    /// <summary>Did the session see a ticker or book snapshot for the product on this connection?</summary>
    public bool HadFreshData(long connectionId)
    {
        lock (_gate) return _freshConnection == connectionId;
    }

    public bool OnlineOn(long connectionId) => IsOnline && Client.Connections == connectionId;

    public void OnEvent(MarketEvent marketEvent)
    {
        // Called by the session under its lock, between the two FrameReceived handlers of this class.
        var connection = Volatile.Read(ref _frameConnection);
        Events.Enqueue((connection, marketEvent));
        Processor.OnEvent(marketEvent);
        if (marketEvent is TickerEvent { ProductId: Product } or BookEvent { ProductId: Product, IsSnapshot: true })
            lock (_gate) _freshConnection = connection;
    }

    private void OnFrameAfterSession(ReceivedFrame frame)
    {
        FramesByConnection.AddOrUpdate(frame.ConnectionId, 1, (_, n) => n + 1);
        if (IsOnline && !HadFreshData(frame.ConnectionId))
            _violations.Enqueue($"online on connection {frame.ConnectionId} with no fresh ticker/snapshot on it");
    }

    private void CheckNotOnline(string when)
    {
        if (IsOnline) _violations.Enqueue($"product online {when}");
    }

    private void CheckPipelineNotFresh(string when, DateTimeOffset? connectedAt)
    {
#pragma warning disable RS0030 // see above
        var view = Market.Snapshot(Product, TimeProvider.System.GetUtcNow());
#pragma warning restore RS0030
        if (view is not { Health.AllowsEntries: true, QuoteStale: false, Quote: { } quote }) return;
        if (connectedAt is null || quote.TsRecv < connectedAt)
            PipelineViolations.Enqueue($"{when}: pipeline view online with a non-stale quote received at {quote.TsRecv:O} (before this connection)");
    }

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync();
        Feed.Dispose();
        Processor.Dispose();
        await Simulator.DisposeAsync();
    }
}
