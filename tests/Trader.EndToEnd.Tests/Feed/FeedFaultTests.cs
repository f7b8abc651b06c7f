using Trader.Coinbase.Feed;
using Trader.Domain.Market;

namespace Trader.EndToEnd.Tests.Feed;

/// <summary>
/// Issue 4 item 7: the real feed client and market-data session against the real simulator over real sockets,
/// one injected feed fault per test; each fault must be detected, recovered from, and no product may be called
/// online (fresh) without a ticker or book snapshot on the current connection.
/// </summary>
public sealed class FeedFaultTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(8);

    [Fact]
    [Trait("Req", "REQ-EX1")]
    [Trait("Req", "REQ-ST1")]
    public async Task Drop_ws_is_seen_products_go_down_and_the_client_reconnects_and_resubscribes()
    {
        await using var s = await FeedSession.StartAsync("drop_ws=1.5s");

        Assert.True(await FeedSession.WaitUntilAsync(() => s.OnlineOn(1), Bound), "never online on the first connection");
        Assert.True(await FeedSession.WaitUntilAsync(() => !s.Disconnects.IsEmpty, Bound), "the drop was never seen");
        var drop = s.Disconnects.First();
        Assert.Equal(1, drop.ConnectionId);
        Assert.Contains(drop.Reason, new[] { FeedDisconnectReason.ConnectionLost, FeedDisconnectReason.ServerClosed });
        Assert.DoesNotContain(s.PipelineViolations, v => v.StartsWith("at disconnect", StringComparison.Ordinal));
        Assert.Contains(s.Resyncs, r => r.Resync.Reason == FeedResyncReason.Disconnected && r.Resync.ConnectionId == 1);

        // Recovery: a second connection that re-subscribed (frames and a fresh ticker/snapshot on it) and is online.
        Assert.True(await FeedSession.WaitUntilAsync(() => s.OnlineOn(2), Bound), "never online again after the drop");
        Assert.Contains(s.Connects, c => c.ConnectionId == 2 && c.IsReconnect);
        Assert.Contains(s.Resyncs, r => r.Resync.Reason == FeedResyncReason.Reconnected && r.Resync.ConnectionId == 2);
        Assert.True(s.FramesByConnection.GetValueOrDefault(2) > 0);
        Assert.True(await FeedSession.WaitUntilAsync(
            () => s.Events.Any(e => e.Connection == 2 && e.Event is BookEvent { IsSnapshot: true, ProductId: FeedSession.Product }), Bound),
            "level2 was not re-subscribed on the new connection");
        Assert.Empty(s.Violations);
    }

    [Fact]
    [Trait("Req", "REQ-ST1")]
    public async Task Seq_gap_is_reported_and_level2_is_resubscribed_so_a_fresh_snapshot_arrives()
    {
        await using var s = await FeedSession.StartAsync("seq_gap=0.05");

        Assert.True(await FeedSession.WaitUntilAsync(() => s.Resyncs.Any(r => r.Resync.Reason == FeedResyncReason.SequenceGap), Bound), "no gap reported");
        var (gap, eventsAtGap) = s.Resyncs.First(r => r.Resync.Reason == FeedResyncReason.SequenceGap);
        Assert.NotNull(gap.Expected);
        Assert.True(gap.Got > gap.Expected, $"gap expected {gap.Expected} got {gap.Got}");
        Assert.True(s.Feed.Sequence.Gaps > 0);
        Assert.True(s.Feed.Sequence.MissingFrames > 0);

        // Recovery: after the gap, a fresh level-2 snapshot of the product arrives on the same connection.
        Assert.True(await FeedSession.WaitUntilAsync(
            () => s.Events.Skip(eventsAtGap).Any(e => e.Connection == gap.ConnectionId && e.Event is BookEvent { IsSnapshot: true, ProductId: FeedSession.Product }),
            Bound), "no fresh level2 snapshot after the gap: " + string.Join(",", s.Events.Skip(eventsAtGap).Select(e => e.Event.GetType().Name).Distinct()));
        Assert.True(await FeedSession.WaitUntilAsync(() => s.Feed.TryGetBookQuote(FeedSession.Product, out _), Bound), "book never usable again");
        Assert.True(s.Simulator.Faults.SequenceGaps >= 1);
        Assert.Empty(s.Violations);
    }

    [Fact]
    [Trait("Req", "REQ-EX1")]
    [Trait("Req", "REQ-ST1")]
    public async Task Stall_trips_the_silence_watchdog_marks_the_product_down_and_data_recovers_after()
    {
        await using var s = await FeedSession.StartAsync("stall=3s@4s");

        Assert.True(await FeedSession.WaitUntilAsync(() => s.OnlineOn(1), Bound), "never online before the stall");
        Assert.True(await FeedSession.WaitUntilAsync(() => s.Disconnects.Any(d => d.Reason == FeedDisconnectReason.Silent), Bound), "the watchdog never fired");
        var silent = s.Disconnects.First(d => d.Reason == FeedDisconnectReason.Silent);
        Assert.True(s.Simulator.Faults.StalledFrames > 0, $"silent ({silent.Detail}) before the simulator stalled");
        Assert.Contains(s.Resyncs, r => r.Resync.Reason == FeedResyncReason.Disconnected && r.Resync.ConnectionId == silent.ConnectionId);

        // The pipeline view (as TraderService wires it) is not online at the silent disconnect.
        Assert.DoesNotContain(s.PipelineViolations, v => v.StartsWith("at disconnect", StringComparison.Ordinal));

        // Recovery after the stall window: a later connection is online with fresh data.
        Assert.True(await FeedSession.WaitUntilAsync(() => s.Client.Connections > silent.ConnectionId && s.OnlineOn(s.Client.Connections), Bound), "data never recovered");
        Assert.Empty(s.Violations);
    }

    /// <summary>
    /// The market pipeline wired exactly as <c>TraderService</c> wires it (Connected → <c>OnFeed(true)</c>,
    /// Disconnected → <c>OnFeed(false)</c>, events into <c>MarketFeedProcessor</c>). Fails today: at the
    /// reconnect the view is online again with the previous connection's quote, not stale because it is younger
    /// than <c>max_quote_age_seconds</c>, before any frame of the new connection arrived.
    /// </summary>
    [Fact]
    [Trait("Req", "REQ-ST1")]
    public async Task Pipeline_view_does_not_serve_the_previous_connections_quote_as_fresh_after_a_reconnect()
    {
        await using var s = await FeedSession.StartAsync("drop_ws=1.5s");

        Assert.True(await FeedSession.WaitUntilAsync(() => s.OnlineOn(2), Bound), "never online again after the drop");
        Assert.Empty(s.PipelineViolations);
    }

    [Fact]
    public async Task Malformed_frames_are_rejected_with_a_reason_counted_and_the_connection_keeps_parsing()
    {
        await using var s = await FeedSession.StartAsync("malformed=0.1");

        Assert.True(await FeedSession.WaitUntilAsync(() => s.Rejections.Count >= 2, Bound), "no malformed frame rejected");
        Assert.All(s.Rejections, r => Assert.False(string.IsNullOrWhiteSpace(r.Reason)));
        var eventsAfterRejection = s.Events.Count;
        Assert.True(await FeedSession.WaitUntilAsync(() => s.Events.Count > eventsAfterRejection + 5, Bound), "parsing stopped after bad frames");
        // A bad frame never closes the connection by itself; under parallel load a silence reconnect can still
        // happen, so what is asserted is that parsing goes on and the product is online on the current connection.
        Assert.True(await FeedSession.WaitUntilAsync(() => s.OnlineOn(s.Client.Connections), Bound),
            "not online on the current connection; disconnects: " + string.Join("; ", s.Disconnects));
        Assert.Empty(s.Violations);
    }

    [Fact]
    public async Task Duplicate_frames_are_counted_and_dropped_not_applied_twice()
    {
        await using var s = await FeedSession.StartAsync("dup=0.2");

        Assert.True(await FeedSession.WaitUntilAsync(() => s.Feed.Sequence.Duplicates >= 3, Bound), "no duplicate seen");
        Assert.True(s.Feed.FramesDropped >= s.Feed.Sequence.Duplicates);
        // Every applied heartbeat counter is distinct: a duplicated heartbeat frame was not applied twice.
        var beats = s.Events.Where(e => e.Connection == 1).Select(e => e.Event).OfType<HeartbeatEvent>().Select(h => h.Counter).ToList();
        Assert.Equal(beats.Count, beats.Distinct().Count());
        Assert.Equal(0, s.Feed.Sequence.Gaps);
        Assert.True(s.OnlineOn(1));
        Assert.Empty(s.Violations);
    }

    [Fact]
    [Trait("Req", "REQ-EX1")]
    [Trait("Req", "REQ-ST1")]
    public async Task Ignored_subscribes_are_noticed_as_silence_and_the_client_keeps_reconnecting_never_online()
    {
        await using var s = await FeedSession.StartAsync("ignore_subscribe=1");

        Assert.True(await FeedSession.WaitUntilAsync(() => s.Disconnects.Count(d => d.Reason == FeedDisconnectReason.Silent) >= 2, TimeSpan.FromSeconds(12)), "silence not detected twice");
        Assert.True(s.Client.Connections >= 2);
        Assert.Equal(0, s.Client.FramesReceived);
        Assert.NotEqual(ProductHealth.Online, s.Feed.GetFeedHealth(FeedSession.Product));
        Assert.False(s.Feed.TryGetBookQuote(FeedSession.Product, out _));
        Assert.Empty(s.Violations);
    }

    /// <summary>
    /// Until the resubscribe, the only traffic on the connection is the simulator's once-a-second tick (heartbeat,
    /// candle update), and the resubscribe itself is triggered by the first of those frames after the subscription
    /// timeout. With the session's 1.5 s silence timeout a single tick delayed by more than 0.5 s (CPU contention in
    /// full CI runs) dropped connection 1 as silent before any resubscribe, and the test, waiting for connection 1,
    /// failed; PartialSubscribeTimingTests (Trader.Coinbase.Tests) reproduces that on a virtual clock. This test is
    /// about the resubscribe, not about silence, so its silence timeout leaves seconds of margin, and its claims are
    /// made about the connection that went online: should an extreme stall still cost a connection, the next one
    /// is the same partial case and must recover the same way.
    /// </summary>
    [Fact]
    [Trait("Req", "REQ-ST1")]
    public async Task Data_subscribes_ignored_while_heartbeats_flow_are_resubscribed_on_the_same_connection_until_data_comes()
    {
        // The client subscribes ticker, market_trades, level2, candles, status, heartbeats in that order; the simulator
        // ignores the first three on every connection, so heartbeats keep it alive while the product has neither a
        // ticker nor a book, and honours every later subscribe (the resubscribes).
        await using var s = await FeedSession.StartAsync(
            "ignore_first_subscribes=3", o => o with { SilenceTimeout = TimeSpan.FromSeconds(5) }, subscriptionTimeout: TimeSpan.FromSeconds(0.5));

        Assert.True(await FeedSession.WaitUntilAsync(() => s.OnlineOn(s.Client.Connections), TimeSpan.FromSeconds(15)), "never online; " + s.Describe());
        var online = s.Client.Connections;
        var ignored = s.Simulator.Faults.IgnoredSubscribes;
        var why = s.Describe();

        // Each connection was the partial case; one lost before (only to silence) does not count against the claim.
        Assert.True(ignored == 3 * online, $"{ignored} subscribes ignored over {online} connection(s); {why}");
        Assert.All(s.Disconnects, d => Assert.True(d.Reason == FeedDisconnectReason.Silent && d.ConnectionId < online, why));

        // On the connection that went online, a resubscribe (not a reconnect) brought the data.
        var retried = s.Retries.Where(r => r.ConnectionId == online).ToList();
        Assert.Contains(retried, r => r.Channel == "ticker");
        Assert.Contains(retried, r => r.Channel == "level2");
        var firstRetry = retried.Where(r => r.Channel is "ticker" or "level2").Min(r => r.At);
        var firstFresh = s.Events.First(e => e.Connection == online && e.Event is TickerEvent or BookEvent { IsSnapshot: true }).Event;
        Assert.True(firstFresh.TsRecv >= firstRetry, $"fresh data at {firstFresh.TsRecv:O} before the first resubscribe at {firstRetry:O}; {why}");
        Assert.Empty(s.Violations);
        Assert.Empty(s.PipelineViolations);
    }
}
