using System.Collections.Concurrent;
using System.Text;
using Trader.Coinbase.Feed;
using Trader.Coinbase.Parsing;
using Trader.Domain.Market;
using Trader.ExchangeSim;
using Trader.ExchangeSim.Faults;
using Trader.ExchangeSim.Market;
using Trader.Pipeline.Clock;
using Trader.Testing;

namespace Trader.Coinbase.Tests.Feed;

/// <summary>
/// The partial-subscribe case with the real client and session over real sockets against the real simulator, all on
/// one virtual clock. <c>ignore_first_subscribes=3</c> ignores ticker, market_trades and level2 and honours candles,
/// status and heartbeats, so until a resubscribe the connection carries only the simulator's once-a-second tick
/// (heartbeat, candle update). <c>stall=0.6s@1s</c> holds the first tick from 1 s to 1.6 s after the connection
/// opened: the late tick that CPU contention produced in full CI runs, where the end-to-end test
/// (FeedFaultTests.Data_subscribes_ignored…) ran with a 1.5 s silence timeout and lost its connection.
/// The resubscribe is frame-driven (<c>SubscriptionWatchdog</c>), so the late tick is also what triggers it:
/// whichever of the silence deadline and that tick comes first decides between a silent reconnect and the
/// resubscribe on the same connection.
/// </summary>
public sealed class PartialSubscribeTimingTests
{
    private const string Product = "BTC-USD";
    private const string Faults = "ignore_first_subscribes=3,stall=0.6s@1s";
    private static readonly TimeSpan SubscriptionTimeout = TimeSpan.FromSeconds(0.5);

    [Fact]
    [Trait("Req", "REQ-ST1")]
    public async Task A_tick_held_past_the_silence_timeout_drops_the_connection_as_silent_before_any_resubscribe()
    {
        await using var h = await Harness.StartAsync(silenceTimeout: TimeSpan.FromSeconds(1.5));
        await h.SubscribedAsync();

        h.Clock.AdvanceTo(h.T0.AddSeconds(1)); // the first tick: its heartbeat is held until T0 + 1.6 s
        await WaitUntil(() => h.Simulator.Faults.StalledFrames >= 1, "the held tick");
        h.Clock.AdvanceTo(h.T0.AddSeconds(1.5)); // the silence deadline comes before the held tick
        await WaitUntil(() => !h.Disconnects.IsEmpty, "the silent disconnect");

        var drop = Assert.Single(h.Disconnects);
        Assert.Equal((1L, FeedDisconnectReason.Silent), (drop.ConnectionId, drop.Reason));
        Assert.Equal(0, h.Feed.SubscriptionRetries); // no frame came after the 0.5 s deadline, so nothing was retried
        Assert.Empty(h.Retries);
        Assert.DoesNotContain(h.Events, e => e.Event is HeartbeatEvent);
        Assert.NotEqual(ProductHealth.Online, h.Feed.GetFeedHealth(Product));
        Assert.Equal(3, h.Simulator.Faults.IgnoredSubscribes);
    }

    [Fact]
    [Trait("Req", "REQ-ST1")]
    public async Task A_held_tick_inside_the_silence_timeout_triggers_the_resubscribe_and_data_comes_on_the_same_connection()
    {
        await using var h = await Harness.StartAsync(silenceTimeout: TimeSpan.FromSeconds(5));
        await h.SubscribedAsync();
        Assert.NotEqual(ProductHealth.Online, h.Feed.GetFeedHealth(Product));

        h.Clock.AdvanceTo(h.T0.AddSeconds(1));
        var released = h.T0.AddSeconds(1.6);
        // The held heartbeat's delay is the earliest timer once it is armed (the silence deadline is at T0 + 5 s).
        await WaitUntil(() => h.Simulator.Faults.StalledFrames >= 1 && h.Clock.NextDue == released, "the held tick");
        h.Clock.AdvanceTo(released);
        await WaitUntil(() => h.Feed.GetFeedHealth(Product) == ProductHealth.Online, "data after the resubscribe");

        Assert.Empty(h.Disconnects);
        Assert.Equal(1, h.Client.Connections);
        Assert.Equal(3, h.Simulator.Faults.IgnoredSubscribes);
        var retried = h.Retries.Where(r => r.Channel is "ticker" or "market_trades" or "level2").ToList();
        Assert.Equal(["ticker", "market_trades", "level2"], retried.Select(r => r.Channel));
        Assert.All(retried, r => Assert.Equal((1L, 1, released, released + 2 * SubscriptionTimeout), (r.ConnectionId, r.Attempt, r.At, r.NextAt)));
        var firstTicker = h.Events.First(e => e.Event is TickerEvent);
        Assert.Equal((1L, released), (firstTicker.Connection, firstTicker.Event.TsRecv));
    }

    // realtime-ok: polls (bounded) for the effects of real socket I/O; the clock itself only moves when the test says.
    private static async Task WaitUntil(Func<bool> condition, string what)
    {
        var deadline = TimeProvider.System.GetTimestamp() + TimeProvider.System.TimestampFrequency * 10;
        while (!condition())
        {
            if (TimeProvider.System.GetTimestamp() > deadline) throw new TimeoutException("timed out waiting for " + what);
            await Task.Delay(5); // realtime-ok: socket I/O happens in real time
        }
    }

    private sealed class Harness : IAsyncDisposable, IMarketEventSink
    {
        private static readonly byte[] SubscriptionsChannel = Encoding.UTF8.GetBytes("\"channel\":\"subscriptions\"");
        private static readonly byte[] HeartbeatsKey = Encoding.UTF8.GetBytes("\"heartbeats\"");
        private long _frameConnection;
        private int _heartbeatsAcked;

        private Harness(VirtualClock clock, ExchangeSimulator simulator, TimeSpan silenceTimeout)
        {
            Clock = clock;
            T0 = clock.Now;
            Simulator = simulator;
            Client = new CoinbaseFeedClient(
                CoinbaseFeedOptions.Market(simulator.MarketWebSocketUrl, [Product]) with
                {
                    SilenceTimeout = silenceTimeout,
                    BackoffBase = TimeSpan.FromMilliseconds(100),
                    BackoffCap = TimeSpan.FromMilliseconds(300),
                },
                clock.TimeProvider);
            Client.FrameReceived += f =>
            {
                Volatile.Write(ref _frameConnection, f.ConnectionId);
                var bytes = f.Bytes.Span;
                if (bytes.IndexOf(SubscriptionsChannel) >= 0 && bytes.IndexOf(HeartbeatsKey) >= 0) Volatile.Write(ref _heartbeatsAcked, 1);
            };
            Client.Disconnected += Disconnects.Enqueue;
            Feed = new CoinbaseMarketDataFeed(Client, [Product], this, subscriptionTimeout: SubscriptionTimeout);
            Feed.SubscriptionRetried += Retries.Enqueue;
        }

        public VirtualClock Clock { get; }
        public DateTimeOffset T0 { get; }
        public ExchangeSimulator Simulator { get; }
        public CoinbaseFeedClient Client { get; }
        public CoinbaseMarketDataFeed Feed { get; }
        public ConcurrentQueue<FeedDisconnected> Disconnects { get; } = new();
        public ConcurrentQueue<SubscriptionRetry> Retries { get; } = new();
        public ConcurrentQueue<(long Connection, MarketEvent Event)> Events { get; } = new();

        public static async Task<Harness> StartAsync(TimeSpan silenceTimeout)
        {
            var clock = VirtualTime.Create();
            var simulator = await ExchangeSimulator.StartAsync(new SimulatorOptions(clock.TimeProvider)
            {
                Market = MarketSource.RandomWalk(11),
                Seed = 11,
                Faults = FaultOptions.Parse(Faults),
            });
            var harness = new Harness(clock, simulator, silenceTimeout);
            harness.Client.Start();
            return harness;
        }

        /// <summary>Waits (without moving the clock) until all six subscribes were handled: three ignored, and the
        /// ack of the last one (heartbeats) arrived, so nothing more comes before the first tick.</summary>
        public async Task SubscribedAsync()
        {
            await WaitUntil(() => Volatile.Read(ref _heartbeatsAcked) == 1 && Simulator.Faults.IgnoredSubscribes == 3, "the six subscribes");
            Assert.Equal(T0, Clock.Now);
            // In subscribe order; heartbeats (and candles, with no bar yet) wait for their first tick too.
            Assert.Equal(["ticker", "market_trades", "level2"], Feed.UnservedChannels.Take(3));
        }

        public void OnEvent(MarketEvent marketEvent) => Events.Enqueue((Volatile.Read(ref _frameConnection), marketEvent));

        public async ValueTask DisposeAsync()
        {
            await Client.DisposeAsync();
            Feed.Dispose();
            await Simulator.DisposeAsync();
        }
    }
}
