using Trader.Coinbase.Capture;
using Trader.Coinbase.Feed;
using Trader.Coinbase.Parsing;
using Trader.Coinbase.Tests.Parsing;
using Trader.Domain.Market;
using Trader.Testing;

namespace Trader.Coinbase.Tests.Feed;

/// <summary>The session logic over a scripted transport: sequence gaps, duplicates, staleness after reconnects.</summary>
public sealed class CoinbaseMarketDataFeedTests
{
    private static readonly DateTimeOffset T0 = new(2026, 9, 30, 2, 40, 0, TimeSpan.Zero);
    private static readonly string[] Products = ["BTC-USD", "ETH-USD"];

    [Fact]
    public void A_sequence_gap_is_reported_resubscribes_level2_and_status_and_rebuilds_the_book()
    {
        var transport = new ScriptedTransport();
        var sink = new CollectingSink();
        using var feed = new CoinbaseMarketDataFeed(transport, Products, sink);
        var resyncs = new List<FeedResync>();
        feed.Resync += resyncs.Add;

        transport.Connect(1, T0);
        transport.Frame(1, T0, Frames.Snapshot(0));
        transport.Frame(1, T0, Frames.Trade(1));
        Assert.True(feed.TryGetBookQuote("BTC-USD", out _));

        transport.Frame(1, T0.AddSeconds(1), Frames.Heartbeat(4));

        var gap = Assert.Single(resyncs);
        Assert.Equal((FeedResyncReason.SequenceGap, 2L, 4L), (gap.Reason, gap.Expected!.Value, gap.Got!.Value));
        Assert.Equal(["level2", "status"], transport.Resubscribed);
        Assert.Equal((1L, 2L), (feed.Sequence.Gaps, feed.Sequence.MissingFrames));
        Assert.False(feed.TryGetBookQuote("BTC-USD", out _));

        transport.Frame(1, T0.AddSeconds(2), Frames.WithSequence("ws-recorded-level2-update.json", 5, "BTC-USD"));
        Assert.Equal(1, feed.Books.Get("BTC-USD")!.UpdatesIgnored);

        transport.Frame(1, T0.AddSeconds(2), Frames.Snapshot(6));
        Assert.True(feed.TryGetBookQuote("BTC-USD", out var q));
        Assert.Equal(83277.25m, q.Bid);
    }

    [Fact]
    public void Duplicate_and_late_frames_are_dropped_and_counted()
    {
        var transport = new ScriptedTransport();
        var sink = new CollectingSink();
        using var feed = new CoinbaseMarketDataFeed(transport, Products, sink);

        transport.Connect(1, T0);
        transport.Frame(1, T0, Frames.Trade(10));
        transport.Frame(1, T0, Frames.Trade(11));
        transport.Frame(1, T0, Frames.Trade(11));
        transport.Frame(1, T0, Frames.Trade(7));

        Assert.Equal(2, sink.Events.Count);
        Assert.Equal((2L, 4L), (feed.FramesDropped, feed.FramesReceived));
        Assert.Equal((1L, 1L), (feed.Sequence.Duplicates, feed.Sequence.OutOfOrder));
    }

    [Fact]
    public void Rejected_frames_are_reported_and_still_count_in_the_sequence()
    {
        var transport = new ScriptedTransport();
        using var feed = new CoinbaseMarketDataFeed(transport, Products, new CollectingSink());
        var rejected = new List<ParseResult>();
        feed.FrameRejected += rejected.Add;

        transport.Connect(1, T0);
        transport.Frame(1, T0, Frames.Trade(0));
        transport.Frame(1, T0, Frames.Trade(1).Replace("83320.66", "eighty"));
        transport.Frame(1, T0, Frames.Trade(2));
        transport.Frame(1, T0, """{"type":"error","message":"failure to subscribe"}""");

        Assert.Equal([ParseReasons.BadNumber, ParseReasons.ErrorFrame], rejected.Select(r => r.Reason));
        Assert.Equal(0, feed.Sequence.Gaps);
    }

    [Fact]
    [Trait("Req", "REQ-EX1")]
    public void A_down_feed_marks_every_product_unhealthy_until_fresh_data_after_the_reconnect()
    {
        var transport = new ScriptedTransport();
        using var feed = new CoinbaseMarketDataFeed(transport, Products, new CollectingSink());
        var resyncs = new List<FeedResync>();
        feed.Resync += resyncs.Add;

        Assert.Equal(FeedHealthReasons.FeedDown, feed.GetFeedHealth("BTC-USD").Reason);
        transport.Connect(1, T0);
        Assert.Equal(FeedHealthReasons.AwaitingData, feed.GetFeedHealth("BTC-USD").Reason);
        transport.Frame(1, T0, Frames.Ticker(0, "BTC-USD"));
        transport.Frame(1, T0, Frames.Snapshot(1, "ETH-USD"));
        Assert.True(feed.GetFeedHealth("BTC-USD").AllowsEntries);
        Assert.True(feed.GetFeedHealth("ETH-USD").AllowsEntries);

        transport.Drop(1, T0.AddSeconds(5));
        Assert.All(Products, p => Assert.Equal(new ProductHealth(ProductStatus.Unknown, FeedHealthReasons.FeedDown), feed.GetFeedHealth(p)));
        Assert.All(Products, p => Assert.False(feed.GetFeedHealth(p).AllowsEntries));

        transport.Connect(2, T0.AddSeconds(7));
        Assert.Equal([FeedResyncReason.Disconnected, FeedResyncReason.Reconnected], resyncs.Select(r => r.Reason));
        Assert.Equal(Products, resyncs[^1].ProductIds);
        Assert.All(Products, p => Assert.Equal(FeedHealthReasons.AwaitingData, feed.GetFeedHealth(p).Reason));
        Assert.False(feed.TryGetBookQuote("ETH-USD", out _));

        // The new connection counts from 0 again: no gap.
        transport.Frame(2, T0.AddSeconds(7), Frames.Ticker(0, "ETH-USD"));
        Assert.True(feed.GetFeedHealth("ETH-USD").AllowsEntries);
        Assert.False(feed.GetFeedHealth("BTC-USD").AllowsEntries);
        Assert.Equal(0, feed.Sequence.Gaps);
    }

    [Fact]
    public void Frames_are_captured_as_received_before_parsing()
    {
        using var dir = new TempDir();
        var path = dir.File("feed.capture");
        var transport = new ScriptedTransport();
        var frames = new[] { Frames.Ticker(0), "not json", Frames.Trade(1) };
        using (var capture = CaptureWriter.Create(path))
        using (var feed = new CoinbaseMarketDataFeed(transport, Products, new CollectingSink(), capture))
        {
            transport.Connect(1, T0);
            for (var i = 0; i < frames.Length; i++) transport.Frame(1, T0.AddMilliseconds(250 * i), frames[i]);
        }

        using var reader = CaptureReader.Open(path);
        var read = new List<(long, string)>();
        while (reader.TryReadNext(out var f)) read.Add((f.RecvUnixMs, System.Text.Encoding.UTF8.GetString(f.Frame.Span)));
        Assert.Equal(frames.Select((f, i) => (T0.AddMilliseconds(250 * i).ToUnixTimeMilliseconds(), f)), read);
    }

    [Fact]
    [Trait("Req", "REQ-ST1")]
    public void A_subscribed_channel_that_delivers_nothing_is_resubscribed_with_backoff_until_its_first_frame()
    {
        // ignore_subscribe for the data channels while heartbeats flow: the connection is alive, the product waits.
        var transport = new ScriptedTransport { Channels = [WireChannels.Ticker, WireChannels.Level2, WireChannels.Heartbeats] };
        using var feed = new CoinbaseMarketDataFeed(transport, Products, new CollectingSink(), subscriptionTimeout: TimeSpan.FromSeconds(10));
        var retries = new List<SubscriptionRetry>();
        feed.SubscriptionRetried += retries.Add;

        transport.Connect(1, T0);
        long sequence = 0;
        void HeartbeatAt(double seconds) => transport.Frame(1, T0.AddSeconds(seconds), Frames.Heartbeat(sequence++));

        for (var s = 1; s < 10; s++) HeartbeatAt(s);
        Assert.Empty(transport.Resubscribed);
        Assert.Equal(["ticker", "level2"], feed.UnservedChannels);

        HeartbeatAt(10); // 10 s after the connection opened: both unserved channels are resubscribed, next try 20 s later
        Assert.Equal(["ticker", "level2"], transport.Resubscribed);
        Assert.All(retries, r => Assert.Equal((1L, 1, T0.AddSeconds(10), T0.AddSeconds(30)), (r.ConnectionId, r.Attempt, r.At, r.NextAt)));

        transport.Frame(1, T0.AddSeconds(12), Frames.Ticker(sequence++)); // the ticker resubscribe worked
        for (var s = 13; s < 30; s++) HeartbeatAt(s);
        Assert.Equal(2, transport.Resubscribed.Count);
        Assert.Equal(["level2"], feed.UnservedChannels);

        HeartbeatAt(30); // level2 again, backing off: 40 s, then 80 s (the cap, 8 × the timeout)
        HeartbeatAt(70);
        HeartbeatAt(150);
        Assert.Equal(["ticker", "level2", "level2", "level2", "level2"], transport.Resubscribed);
        Assert.Equal([T0.AddSeconds(30), T0.AddSeconds(70), T0.AddSeconds(150)], retries.Skip(2).Select(r => r.At));
        Assert.Equal(T0.AddSeconds(230), retries[^1].NextAt);

        transport.Frame(1, T0.AddSeconds(151), Frames.Snapshot(sequence++)); // served: the book is live, nothing more is due
        HeartbeatAt(400);
        Assert.Equal(5, transport.Resubscribed.Count);
        Assert.Empty(feed.UnservedChannels);
        Assert.Equal(ProductHealth.Online, feed.GetFeedHealth("BTC-USD"));
        Assert.Equal(5, feed.SubscriptionRetries);
    }

    [Fact]
    public void Every_new_connection_waits_for_each_channel_again_and_a_dropped_one_checks_nothing()
    {
        var transport = new ScriptedTransport { Channels = [WireChannels.Ticker, WireChannels.Heartbeats] };
        using var feed = new CoinbaseMarketDataFeed(transport, Products, new CollectingSink(), subscriptionTimeout: TimeSpan.FromSeconds(10));

        transport.Connect(1, T0);
        transport.Frame(1, T0.AddSeconds(1), Frames.Ticker(0));
        transport.Frame(1, T0.AddSeconds(2), Frames.Heartbeat(1));
        Assert.Empty(feed.UnservedChannels);

        transport.Drop(1, T0.AddSeconds(3));
        Assert.Empty(feed.UnservedChannels);

        transport.Connect(2, T0.AddSeconds(5));
        Assert.Equal(["ticker", "heartbeats"], feed.UnservedChannels);
        transport.Frame(2, T0.AddSeconds(14), Frames.Heartbeat(0));
        Assert.Empty(transport.Resubscribed); // 9 s into connection 2
        transport.Frame(2, T0.AddSeconds(15), Frames.Heartbeat(1));
        Assert.Equal(["ticker"], transport.Resubscribed);
    }
}
