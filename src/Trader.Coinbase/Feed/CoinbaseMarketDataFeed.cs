using Trader.Coinbase.Books;
using Trader.Coinbase.Capture;
using Trader.Coinbase.Parsing;
using Trader.Domain.Market;

namespace Trader.Coinbase.Feed;

/// <summary>
/// The market-data session over a transport: each frame is captured (when a writer is given), parsed, checked
/// against the connection's sequence count, applied to the level-2 books and heartbeat tracker, and its events
/// handed to the sink. A new connection resets the counts and makes every product stale until its first ticker
/// or book snapshot; a sequence gap resubscribes <c>level2</c> and <c>status</c> (the two stateful channels) so
/// the books are rebuilt from fresh snapshots. A subscribed channel that delivers nothing after the connection
/// opened is resubscribed with backoff (<see cref="SubscriptionWatchdog"/>, <see cref="SubscriptionRetried"/>).
/// Thread-safe: frames and connection changes may come from different threads.
/// </summary>
public sealed class CoinbaseMarketDataFeed : IDisposable
{
    /// <summary>Channels resubscribed after a gap: the lost frame may have been a book update or a status change.</summary>
    public static readonly IReadOnlyList<string> ResyncChannels = [WireChannels.Level2, WireChannels.Status];

    private readonly object _gate = new();
    private readonly IFeedTransport _transport;
    private readonly IMarketEventSink _sink;
    private readonly CaptureWriter? _capture;
    private readonly string[] _productIds;
    private readonly HashSet<string> _fresh = new(StringComparer.Ordinal);
    private readonly SubscriptionWatchdog _subscriptions;
    private readonly List<SubscriptionRetry> _due = [];
    private long _connectionId;
    private bool _connected;

    /// <param name="subscriptionTimeout">
    /// How long a subscribed channel may stay without any frame after the connection opened before it is resubscribed
    /// (default <see cref="SubscriptionWatchdog.DefaultTimeout"/>, 10 s); retries back off, doubling up to 8× that.
    /// </param>
    public CoinbaseMarketDataFeed(
        IFeedTransport transport,
        IReadOnlyList<string> productIds,
        IMarketEventSink sink,
        CaptureWriter? capture = null,
        TimeSpan? subscriptionTimeout = null)
    {
        var timeout = subscriptionTimeout ?? SubscriptionWatchdog.DefaultTimeout;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero, nameof(subscriptionTimeout));
        _subscriptions = new SubscriptionWatchdog(timeout, timeout * 8);
        _transport = transport;
        _sink = sink;
        _capture = capture;
        _productIds = productIds.ToArray();
        transport.FrameReceived += OnFrame;
        transport.Connected += OnConnected;
        transport.Disconnected += OnDisconnected;
    }

    /// <summary>Mark products stale (reconnect, disconnect) or wait for fresh books (gap).</summary>
    public event Action<FeedResync>? Resync;

    /// <summary>A subscribed channel that had delivered nothing on this connection was resubscribed.</summary>
    public event Action<SubscriptionRetry>? SubscriptionRetried;

    /// <summary>A frame the parser rejected (bad input, counted) or an error frame from the venue.</summary>
    public event Action<ParseResult>? FrameRejected;

    public CoinbaseFrameParser Parser { get; } = new();

    public SequenceTracker Sequence { get; } = new();

    public HeartbeatTracker Heartbeats { get; } = new();

    public OrderBookSet Books { get; } = new();

    public long FramesReceived { get; private set; }

    /// <summary>Resubscribes of channels that delivered nothing (see <see cref="SubscriptionRetried"/>).</summary>
    public long SubscriptionRetries { get; private set; }

    /// <summary>Subscribed channels (subscribe names) that have delivered no frame on the current connection yet.</summary>
    public IReadOnlyList<string> UnservedChannels
    {
        get
        {
            lock (_gate) return _subscriptions.Unserved;
        }
    }

    /// <summary>Duplicate or out-of-order frames whose events were not applied.</summary>
    public long FramesDropped { get; private set; }

    public bool IsConnected
    {
        get
        {
            lock (_gate) return _connected;
        }
    }

    /// <summary>
    /// What the feed can vouch for: online when connected and the product had a ticker or book snapshot since the
    /// connection opened; otherwise status Unknown with <see cref="FeedHealthReasons"/>. The venue's own product
    /// status (the <c>status</c> channel) is a separate input to the health gate.
    /// </summary>
    public ProductHealth GetFeedHealth(string productId)
    {
        lock (_gate)
        {
            if (!_connected) return new ProductHealth(ProductStatus.Unknown, FeedHealthReasons.FeedDown);
            return _fresh.Contains(productId) ? ProductHealth.Online : new ProductHealth(ProductStatus.Unknown, FeedHealthReasons.AwaitingData);
        }
    }

    public bool TryGetBookQuote(string productId, out Quote quote)
    {
        lock (_gate) return Books.TryGetQuote(productId, out quote);
    }

    /// <summary>Handles one frame; public so a capture can be replayed through the same path.</summary>
    public void OnFrame(ReceivedFrame frame)
    {
        FeedResync? resync = null;
        SubscriptionRetry[]? retries = null;
        ParseResult result;
        bool apply;
        lock (_gate)
        {
            if (frame.ConnectionId != _connectionId) BeginConnection(frame.ConnectionId, frame.TsRecv, out resync);
            FramesReceived++;
            _capture?.WriteFrame(frame.TsRecv, frame.Bytes.Span);
            result = Parser.Parse(frame.Bytes.Span, frame.TsRecv);

            // Any frame of a channel, even a duplicate or a rejected one, shows its subscription is served.
            _subscriptions.Served(result.Channel);
            _due.Clear();
            _subscriptions.CollectDue(frame.TsRecv, _due);
            if (_due.Count > 0)
            {
                retries = _due.ToArray();
                SubscriptionRetries += retries.Length;
            }
            apply = true;

            if (result.SequenceNum is { } sequence)
            {
                var seen = Sequence.Observe(sequence);
                if (seen.Verdict == SequenceVerdict.Gap)
                {
                    Books.MarkAllForResync();
                    resync = new FeedResync(FeedResyncReason.SequenceGap, frame.ConnectionId, _productIds, frame.TsRecv, seen.Expected, seen.Got);
                }
                else if (!seen.ShouldApply)
                {
                    FramesDropped++;
                    apply = false;
                }
            }

            if (result.IsOk && apply)
            {
                var events = Parser.Events;
                for (var i = 0; i < events.Count; i++)
                {
                    var e = events[i];
                    switch (e)
                    {
                        case BookEvent book:
                            if (Books.Apply(book) == BookApplyOutcome.SnapshotApplied) _fresh.Add(book.ProductId);
                            break;
                        case TickerEvent ticker:
                            _fresh.Add(ticker.ProductId);
                            break;
                        case TradeEvent trade:
                            Books.ObserveTrade(trade);
                            break;
                        case HeartbeatEvent heartbeat:
                            Heartbeats.Observe(heartbeat);
                            break;
                    }
                    _sink.OnEvent(e);
                }
            }
        }

        if (resync is { Reason: FeedResyncReason.SequenceGap })
        {
            foreach (var channel in ResyncChannels) _transport.Resubscribe(channel);
        }
        if (resync is not null) Resync?.Invoke(resync);
        if (result.IsRejected && apply) FrameRejected?.Invoke(result);
        foreach (var retry in retries ?? [])
        {
            _transport.Resubscribe(retry.Channel);
            SubscriptionRetried?.Invoke(retry);
        }
    }

    private void OnConnected(FeedConnected connected)
    {
        FeedResync? resync = null;
        lock (_gate)
        {
            if (connected.ConnectionId != _connectionId) BeginConnection(connected.ConnectionId, connected.At, out resync);
        }
        if (resync is not null) Resync?.Invoke(resync);
    }

    private void OnDisconnected(FeedDisconnected disconnected)
    {
        lock (_gate)
        {
            if (disconnected.ConnectionId != _connectionId && _connected) return;
            _connected = false;
            _fresh.Clear();
            _subscriptions.Stop();
            Books.MarkAllForResync();
        }
        Resync?.Invoke(new FeedResync(FeedResyncReason.Disconnected, disconnected.ConnectionId, _productIds, disconnected.At));
    }

    /// <summary>A new connection: new sequence count, every book and product waits for fresh data.</summary>
    private void BeginConnection(long connectionId, DateTimeOffset at, out FeedResync? resync)
    {
        var isReconnect = _connectionId != 0;
        _connectionId = connectionId;
        _connected = true;
        _fresh.Clear();
        Sequence.Reset();
        Heartbeats.Reset();
        Books.MarkAllForResync();
        _subscriptions.Begin(connectionId, _transport.Channels, at);
        resync = isReconnect ? new FeedResync(FeedResyncReason.Reconnected, connectionId, _productIds, at) : null;
    }

    public void Dispose()
    {
        _transport.FrameReceived -= OnFrame;
        _transport.Connected -= OnConnected;
        _transport.Disconnected -= OnDisconnected;
    }
}
