using System.Net.WebSockets;
using Websocket.Client;

namespace Trader.Coinbase.Feed;

/// <summary>
/// One supervised WebSocket connection to the Advanced Trade feed on <c>Websocket.Client</c>. It connects,
/// sends one subscribe per channel at once (Coinbase closes a connection with no subscribe within 5 s), stamps
/// every frame with <c>TsRecv</c> from the injected clock and hands it on untouched, drops a connection that has
/// been silent for <see cref="CoinbaseFeedOptions.SilenceTimeout"/>, and reconnects after exponential backoff with
/// full jitter. Every timer (connect timeout, silence, backoff) runs on the injected <see cref="TimeProvider"/>;
/// the library's own wall-clock reconnection is switched off.
/// </summary>
public sealed class CoinbaseFeedClient : IFeedTransport, IAsyncDisposable
{
    private readonly CoinbaseFeedOptions _options;
    private readonly TimeProvider _time;
    private readonly IWsJwtFactory? _jwt;
    private readonly FullJitterBackoff _backoff;
    private readonly CancellationTokenSource _stop = new();
    private int _disposed;
    private Connection? _current;
    private long _connectionCount;
    private long _framesReceived;
    private Task? _run;

    public CoinbaseFeedClient(CoinbaseFeedOptions options, TimeProvider time, IWsJwtFactory? jwt = null)
    {
        _options = options;
        _time = time;
        _jwt = jwt;
        _backoff = new FullJitterBackoff(options.BackoffBase, options.BackoffCap, options.BackoffSeed);
    }

    public event Action<ReceivedFrame>? FrameReceived;

    public event Action<FeedConnected>? Connected;

    public event Action<FeedDisconnected>? Disconnected;

    public event Action<FeedReconnectScheduled>? ReconnectScheduled;

    /// <summary>Raised when a send on an open connection fails (the connection is then remade by the silence watchdog or the socket error).</summary>
    public event Action<string>? SendFailed;

    public CoinbaseFeedOptions Options => _options;

    public IReadOnlyList<string> Channels => _options.Channels;

    public bool IsConnected => Volatile.Read(ref _current) is { IsOpen: true };

    public long Connections => Interlocked.Read(ref _connectionCount);

    public long FramesReceived => Interlocked.Read(ref _framesReceived);

    /// <summary>Starts the connect/reconnect loop in the background; <see cref="DisposeAsync"/> stops it.</summary>
    public void Start() => _run ??= Task.Run(() => RunAsync(_stop.Token));

    /// <summary>Connects and keeps reconnecting until <paramref name="cancellationToken"/> is cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var failures = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            var connection = new Connection(this, Interlocked.Increment(ref _connectionCount));
            await RunConnectionAsync(connection, cancellationToken).ConfigureAwait(false);
            if (cancellationToken.IsCancellationRequested) break;

            // A connection that delivered data was healthy: start the backoff over.
            if (connection.Frames > 0) failures = 0;
            var delay = _backoff.Next(failures);
            failures++;
            var wait = Task.Delay(delay, _time, cancellationToken);
            ReconnectScheduled?.Invoke(new FeedReconnectScheduled(failures, delay, _time.GetUtcNow() + delay));
            try
            {
                await wait.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    public void Resubscribe(string channel)
    {
        var connection = Volatile.Read(ref _current);
        if (connection is not { IsOpen: true }) return;
        connection.Send(SubscriptionMessages.Unsubscribe(channel, _options.ProductIds, _jwt?.CreateWsJwt()));
        connection.Send(SubscriptionMessages.Subscribe(channel, _options.ProductIds, _jwt?.CreateWsJwt()));
    }

    private async Task RunConnectionAsync(Connection connection, CancellationToken cancellationToken)
    {
        using var socket = new WebsocketClient(_options.Url, null, ConnectAsync)
        {
            IsReconnectionEnabled = false,
            ReconnectTimeout = null,
            ErrorReconnectTimeout = null,
            ConnectTimeout = Timeout.InfiniteTimeSpan,
            IsTextMessageConversionEnabled = false,
            Name = "coinbase-feed-" + connection.Id,
        };
        connection.Socket = socket;
        using var messages = socket.MessageReceived.Subscribe(new Observer<ResponseMessage>(connection.OnMessage));
        using var disconnects = socket.DisconnectionHappened.Subscribe(new Observer<DisconnectionInfo>(connection.OnDisconnection));

        try
        {
            await socket.StartOrFail().ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            connection.End(FeedDisconnectReason.ConnectFailed, (ex.InnerException ?? ex).Message);
            Disconnected?.Invoke(new FeedDisconnected(connection.Id, FeedDisconnectReason.ConnectFailed, (ex.InnerException ?? ex).Message, 0, _time.GetUtcNow()));
            return;
        }

        connection.MarkOpen(_time.GetTimestamp());
        Volatile.Write(ref _current, connection);
        using var silence = _time.CreateTimer(connection.CheckSilence, null, _options.SilenceTimeout, Timeout.InfiniteTimeSpan);
        connection.SilenceTimer = silence;
        using var stopRegistration = cancellationToken.Register(() => connection.End(FeedDisconnectReason.Stopped, null));
        Connected?.Invoke(new FeedConnected(connection.Id, connection.Id > 1, _time.GetUtcNow()));

        try
        {
            foreach (var channel in _options.Channels)
                await socket.SendInstant(SubscriptionMessages.Subscribe(channel, _options.ProductIds, _jwt?.CreateWsJwt())).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            connection.End(FeedDisconnectReason.SubscribeFailed, ex.Message);
        }

        var (reason, detail) = await connection.Ended.ConfigureAwait(false);
        Interlocked.CompareExchange(ref _current, null, connection);
        Disconnected?.Invoke(new FeedDisconnected(connection.Id, reason, detail, connection.Frames, _time.GetUtcNow()));
    }

    /// <summary>Opens the socket with the connect timeout on the injected clock.</summary>
    private async Task<WebSocket> ConnectAsync(Uri uri, CancellationToken token)
    {
        var socket = new ClientWebSocket();
        socket.Options.KeepAliveInterval = _options.KeepAliveInterval;
        using var timeout = new CancellationTokenSource(_options.ConnectTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(token, timeout.Token, _stop.Token);
        try
        {
            await socket.ConnectAsync(uri, linked.Token).ConfigureAwait(false);
            return socket;
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            socket.Dispose();
            throw new TimeoutException($"connect timed out after {_options.ConnectTimeout.TotalSeconds:0.###} s");
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        await _stop.CancelAsync().ConfigureAwait(false);
        Volatile.Read(ref _current)?.End(FeedDisconnectReason.Stopped, null);
        if (_run is not null)
        {
            try
            {
                await _run.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
        }
        _stop.Dispose();
    }

    /// <summary>The state of one connection attempt; frames of an ended connection are dropped.</summary>
    private sealed class Connection
    {
        private readonly CoinbaseFeedClient _owner;
        private readonly TaskCompletionSource<(FeedDisconnectReason, string?)> _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private long _lastFrameTimestamp;
        private long _frames;

        public Connection(CoinbaseFeedClient owner, long id)
        {
            _owner = owner;
            Id = id;
        }

        public long Id { get; }

        public WebsocketClient? Socket { get; set; }

        public ITimer? SilenceTimer { get; set; }

        public bool IsOpen { get; private set; }

        public long Frames => Interlocked.Read(ref _frames);

        public Task<(FeedDisconnectReason Reason, string? Detail)> Ended => _ended.Task;

        public void MarkOpen(long timestamp)
        {
            Interlocked.Exchange(ref _lastFrameTimestamp, timestamp);
            IsOpen = true;
        }

        public void End(FeedDisconnectReason reason, string? detail)
        {
            if (!_ended.TrySetResult((reason, detail))) return;
            IsOpen = false;
            try
            {
                Socket?.Dispose();
            }
            catch (Exception)
            {
                // Disposing a broken socket may throw; the connection is over either way.
            }
        }

        public void Send(string message)
        {
            if (Socket is null || !Socket.Send(message)) _owner.SendFailed?.Invoke("send queue closed");
        }

        public void OnMessage(ResponseMessage message)
        {
            if (_ended.Task.IsCompleted) return;
            var bytes = message.Binary;
            if (bytes is null) return;
            var time = _owner._time;
            var tsRecv = time.GetUtcNow();
            Interlocked.Exchange(ref _lastFrameTimestamp, time.GetTimestamp());
            Interlocked.Increment(ref _frames);
            Interlocked.Increment(ref _owner._framesReceived);
            _owner.FrameReceived?.Invoke(new ReceivedFrame(Id, tsRecv, bytes));
        }

        public void OnDisconnection(DisconnectionInfo info)
        {
            var reason = info.Type switch
            {
                DisconnectionType.ByServer => FeedDisconnectReason.ServerClosed,
                DisconnectionType.Exit or DisconnectionType.ByUser => FeedDisconnectReason.Stopped,
                _ => FeedDisconnectReason.ConnectionLost,
            };
            End(reason, info.Exception?.Message ?? info.CloseStatusDescription);
        }

        /// <summary>Silence watchdog: one timer, re-armed for the remaining time whenever a frame came since.</summary>
        public void CheckSilence(object? state)
        {
            if (_ended.Task.IsCompleted) return;
            var time = _owner._time;
            var silent = time.GetElapsedTime(Interlocked.Read(ref _lastFrameTimestamp));
            var limit = _owner._options.SilenceTimeout;
            if (silent >= limit)
                End(FeedDisconnectReason.Silent, $"no frame for {silent.TotalSeconds:0.###} s");
            else
                SilenceTimer?.Change(limit - silent, Timeout.InfiniteTimeSpan);
        }
    }

    private sealed class Observer<T>(Action<T> onNext) : IObserver<T>
    {
        public void OnNext(T value) => onNext(value);

        public void OnError(Exception error)
        {
        }

        public void OnCompleted()
        {
        }
    }
}
