using System.Collections.Concurrent;
using System.Text.Json;
using Trader.Coinbase.Feed;
using Trader.Coinbase.Tests.Parsing;
using Trader.Domain.Market;
using Trader.Pipeline.Clock;
using Trader.Testing;

namespace Trader.Coinbase.Tests.Feed;

/// <summary>
/// The real client over real sockets against a scripted Kestrel server; every timer (silence, backoff, connect
/// timeout) runs on a virtual clock the test advances, so only socket I/O waits in real time (bounded).
/// </summary>
public sealed class CoinbaseFeedClientTests : IAsyncLifetime
{
    private static readonly string[] Products = ["BTC-USD", "ETH-USD"];

    private readonly VirtualClock _clock = VirtualTime.Create();
    private readonly ConcurrentQueue<object> _log = new();
    private ScriptedWsServer _server = null!;

    public async Task InitializeAsync() => _server = await ScriptedWsServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private CoinbaseFeedClient NewClient(IWsJwtFactory? jwt = null, Uri? url = null)
    {
        var client = new CoinbaseFeedClient(
            new CoinbaseFeedOptions
            {
                Url = url ?? _server.Url,
                ProductIds = Products,
                SilenceTimeout = TimeSpan.FromSeconds(15),
                BackoffBase = TimeSpan.FromSeconds(1),
                BackoffCap = TimeSpan.FromSeconds(8),
                BackoffSeed = 42,
            },
            _clock.TimeProvider,
            jwt);
        client.Connected += e => _log.Enqueue(e);
        client.Disconnected += e => _log.Enqueue(e);
        client.ReconnectScheduled += e => _log.Enqueue(e);
        return client;
    }

    // realtime-ok: polls (bounded) for effects of real socket I/O on another thread.
    private static async Task WaitUntil(Func<bool> condition, string what)
    {
        var deadline = TimeProvider.System.GetTimestamp() + TimeProvider.System.TimestampFrequency * 10;
        while (!condition())
        {
            if (TimeProvider.System.GetTimestamp() > deadline) throw new TimeoutException("timed out waiting for " + what);
            await Task.Delay(5); // realtime-ok: socket I/O happens in real time
        }
    }

    private async Task<T> Next<T>() where T : class
    {
        T? found = null;
        await WaitUntil(() =>
        {
            while (found is null && _log.TryDequeue(out var item))
                if (item is T t) found = t;
            return found is not null;
        }, typeof(T).Name);
        return found!;
    }

    private static List<(string Type, string Channel, string[] Products, string? Jwt)> Parse(IEnumerable<string> messages) =>
        messages.Select(m =>
        {
            using var doc = JsonDocument.Parse(m);
            var root = doc.RootElement;
            var products = root.TryGetProperty("product_ids", out var p) ? p.EnumerateArray().Select(x => x.GetString()!).ToArray() : [];
            var jwt = root.TryGetProperty("jwt", out var j) ? j.GetString() : null;
            return (root.GetProperty("type").GetString()!, root.GetProperty("channel").GetString()!, products, jwt);
        }).ToList();

    private sealed class CountingJwt : IWsJwtFactory
    {
        private int _n;

        public string CreateWsJwt() => "jwt-" + Interlocked.Increment(ref _n);
    }

    [Fact]
    public async Task Subscribes_once_per_channel_with_a_fresh_jwt_and_stamps_frames_on_the_clock()
    {
        await using var client = NewClient(new CountingJwt());
        var frames = new ConcurrentQueue<ReceivedFrame>();
        client.FrameReceived += frames.Enqueue;
        client.Start();

        var connection = await _server.NextConnectionAsync();
        var subscribes = Parse(await connection.ReceiveAsync(6));

        Assert.All(subscribes, s => Assert.Equal("subscribe", s.Type));
        Assert.Equal(["ticker", "market_trades", "level2", "candles", "status", "heartbeats"], subscribes.Select(s => s.Channel));
        Assert.All(subscribes.Where(s => s.Channel != "heartbeats"), s => Assert.Equal(Products, s.Products));
        Assert.Empty(subscribes.Single(s => s.Channel == "heartbeats").Products);
        Assert.Equal(6, subscribes.Select(s => s.Jwt).Distinct().Count());

        _clock.AdvanceBy(TimeSpan.FromSeconds(2));
        await connection.SendAsync(Frames.Ticker(0));
        await WaitUntil(() => frames.Count == 1, "the frame");
        Assert.True(frames.TryPeek(out var frame));
        Assert.Equal(VirtualTime.Epoch.AddSeconds(2), frame.TsRecv);
        Assert.Equal(Frames.Ticker(0), System.Text.Encoding.UTF8.GetString(frame.Bytes.Span));
        Assert.Equal(1, frame.ConnectionId);
    }

    [Fact]
    [Trait("Req", "REQ-EX1")]
    public async Task A_dropped_connection_marks_products_down_then_reconnects_after_backoff_and_resubscribes()
    {
        await using var client = NewClient();
        var sink = new CollectingSink();
        using var feed = new CoinbaseMarketDataFeed(client, Products, sink);
        var resyncs = new ConcurrentQueue<FeedResync>();
        feed.Resync += resyncs.Enqueue;
        client.Start();

        var first = await _server.NextConnectionAsync();
        await first.ReceiveAsync(6);
        await Next<FeedConnected>();
        await first.SendAsync(Frames.Ticker(0, "BTC-USD"));
        await first.SendAsync(Frames.Snapshot(1, "ETH-USD"));
        await WaitUntil(() => feed.FramesReceived == 2, "two frames");
        Assert.True(feed.GetFeedHealth("BTC-USD").AllowsEntries);
        Assert.True(feed.TryGetBookQuote("ETH-USD", out _));

        first.Drop();
        var down = await Next<FeedDisconnected>();
        Assert.Equal(FeedDisconnectReason.ConnectionLost, down.Reason);
        Assert.All(Products, p => Assert.Equal(FeedHealthReasons.FeedDown, feed.GetFeedHealth(p).Reason));
        Assert.False(feed.TryGetBookQuote("ETH-USD", out _));

        var scheduled = await Next<FeedReconnectScheduled>();
        Assert.Equal(1, scheduled.Attempt);
        Assert.InRange(scheduled.Delay, TimeSpan.Zero, TimeSpan.FromSeconds(1));
        Assert.Equal(0, _server.PendingConnections);
        _clock.AdvanceBy(scheduled.Delay);

        var second = await _server.NextConnectionAsync();
        var resubscribed = Parse(await second.ReceiveAsync(6));
        Assert.Equal(6, resubscribed.Count(s => s.Type == "subscribe"));
        var up = await Next<FeedConnected>();
        Assert.Equal((2L, true), (up.ConnectionId, up.IsReconnect));
        await WaitUntil(() => resyncs.Any(r => r.Reason == FeedResyncReason.Reconnected), "the reconnect resync");
        Assert.All(Products, p => Assert.Equal(FeedHealthReasons.AwaitingData, feed.GetFeedHealth(p).Reason));

        await second.SendAsync(Frames.Ticker(0, "ETH-USD"));
        await WaitUntil(() => feed.GetFeedHealth("ETH-USD").AllowsEntries, "fresh ETH-USD data");
        Assert.False(feed.GetFeedHealth("BTC-USD").AllowsEntries);
        Assert.Equal(0, feed.Sequence.Gaps);
    }

    [Fact]
    public async Task A_skipped_sequence_number_is_reported_and_level2_is_resubscribed_for_a_fresh_snapshot()
    {
        await using var client = NewClient();
        using var feed = new CoinbaseMarketDataFeed(client, Products, new CollectingSink());
        var resyncs = new ConcurrentQueue<FeedResync>();
        feed.Resync += resyncs.Enqueue;
        client.Start();

        var connection = await _server.NextConnectionAsync();
        await connection.ReceiveAsync(6);
        await connection.SendAsync(Frames.Snapshot(0));
        await connection.SendAsync(Frames.Trade(1));
        await connection.SendAsync(Frames.Heartbeat(5));

        var again = Parse(await connection.ReceiveAsync(4));
        Assert.Equal([("unsubscribe", "level2"), ("subscribe", "level2"), ("unsubscribe", "status"), ("subscribe", "status")],
            again.Select(m => (m.Type, m.Channel)));
        var gap = Assert.Single(resyncs);
        Assert.Equal((FeedResyncReason.SequenceGap, 2L, 5L), (gap.Reason, gap.Expected!.Value, gap.Got!.Value));
        Assert.False(feed.TryGetBookQuote("BTC-USD", out _));

        await connection.SendAsync(Frames.Snapshot(6));
        await WaitUntil(() => feed.TryGetBookQuote("BTC-USD", out _), "the rebuilt book");
        Assert.True(client.IsConnected);
    }

    [Fact]
    [Trait("Req", "REQ-EX1")]
    public async Task A_silent_connection_is_dropped_on_the_clock_and_products_go_unhealthy()
    {
        await using var client = NewClient();
        // Only the ticker is served here; the subscription watchdog (10 s by default) is kept out of this silence test.
        using var feed = new CoinbaseMarketDataFeed(client, Products, new CollectingSink(), subscriptionTimeout: TimeSpan.FromMinutes(5));
        client.Start();

        var connection = await _server.NextConnectionAsync();
        await connection.ReceiveAsync(6);
        await Next<FeedConnected>();
        _clock.AdvanceBy(TimeSpan.FromSeconds(10));
        await connection.SendAsync(Frames.Ticker(0));
        await WaitUntil(() => feed.GetFeedHealth("BTC-USD").AllowsEntries, "the ticker");

        // 14.9 s after the last frame the connection is still trusted; at 15 s it is dropped.
        _clock.AdvanceBy(TimeSpan.FromSeconds(14.9));
        Assert.True(client.IsConnected);
        _clock.AdvanceBy(TimeSpan.FromSeconds(0.1));
        var down = await Next<FeedDisconnected>();
        Assert.Equal(FeedDisconnectReason.Silent, down.Reason);
        Assert.Equal(VirtualTime.Epoch.AddSeconds(25), down.At);
        Assert.Equal(FeedHealthReasons.FeedDown, feed.GetFeedHealth("BTC-USD").Reason);
        await connection.Completion;

        var scheduled = await Next<FeedReconnectScheduled>();
        _clock.AdvanceBy(scheduled.Delay);
        var next = await _server.NextConnectionAsync();
        Assert.Equal(6, (await next.ReceiveAsync(6)).Count);
    }

    [Fact]
    public async Task Failed_connects_back_off_exponentially_with_seeded_full_jitter()
    {
        var deadUrl = _server.Url;
        await _server.DisposeAsync();
        _server = await ScriptedWsServer.StartAsync();
        await using var client = NewClient(url: deadUrl);
        client.Start();

        var expected = new FullJitterBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(8), 42);
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var failed = await Next<FeedDisconnected>();
            Assert.Equal(FeedDisconnectReason.ConnectFailed, failed.Reason);
            var scheduled = await Next<FeedReconnectScheduled>();
            Assert.Equal(attempt + 1, scheduled.Attempt);
            Assert.Equal(expected.Next(attempt), scheduled.Delay);
            Assert.InRange(scheduled.Delay, TimeSpan.Zero, TimeSpan.FromSeconds(Math.Min(8, Math.Pow(2, attempt))));
            _clock.AdvanceBy(scheduled.Delay);
        }
        Assert.Equal(5, client.Connections - 1);
    }
}
