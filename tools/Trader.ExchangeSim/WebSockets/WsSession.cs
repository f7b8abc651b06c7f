using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Trader.ExchangeSim.Auth;
using Trader.ExchangeSim.Formatting;

namespace Trader.ExchangeSim.WebSockets;

/// <summary>
/// One WebSocket connection speaking the Advanced Trade protocol (wire-format.md §1): one channel per subscribe
/// message, snapshot then <c>subscriptions</c> ack, one <c>sequence_num</c> counter for the whole connection.
/// Frames go through one queue and one send loop, which is also where the WS faults are applied.
/// </summary>
internal sealed class WsSession
{
    private static readonly string[] MarketChannels = ["level2", "ticker", "market_trades", "candles"];
    private const int MaxQueued = 20_000;

    private readonly WebSocket _socket;
    private readonly bool _userEndpoint;
    private readonly Venue _venue;
    private readonly JwtVerifier _verifier;
    private readonly Channel<object> _queue = Channel.CreateUnbounded<object>(new UnboundedChannelOptions { SingleReader = true });
    private readonly object _gate = new();
    /// <summary>Subscribe messages received on this connection (the receive loop is the only writer).</summary>
    private int _subscribes;
    private readonly Dictionary<string, SortedSet<string>> _subscriptions = new(StringComparer.Ordinal);
    private HashSet<string>? _userProducts;
    private bool _user;
    private bool _everSubscribed;
    private long _sequence;
    private long _heartbeatCounter;
    private int _queued;
    private long _framesQueued;
    private long _lastSentUtcTicks;
    private readonly CancellationTokenSource _lifetime = new();
    private readonly List<Task> _timers = new();

    private sealed record CloseRequest(WebSocketCloseStatus Status, string Reason);

    public WsSession(WebSocket socket, bool userEndpoint, Venue venue, JwtVerifier verifier)
    {
        _socket = socket;
        _userEndpoint = userEndpoint;
        _venue = venue;
        _verifier = verifier;
        _lastSentUtcTicks = venue.Now.UtcTicks;
        // Armed here, before the hub lists the connection, so a test that sees the connection also sees the timers.
        _timers.Add(CloseIfSilentAsync(_lifetime.Token));
        if (venue.Faults.Options.DropWebSocketAfter is { } drop) _timers.Add(DropAfterAsync(drop, _lifetime.Token));
    }

    private TimeProvider Clock => _venue.Clock;

    public bool Wants(string channel, string productId)
    {
        lock (_gate) return _subscriptions.TryGetValue(channel, out var products) && products.Contains(productId);
    }

    public bool WantsUser(string productId)
    {
        lock (_gate) return _user && (_userProducts is null || _userProducts.Contains(productId));
    }

    public bool IsUserEndpoint => _userEndpoint;

    /// <summary>Subscribed to the <c>user</c> channel (any product).</summary>
    public bool SubscribedToUser
    {
        get { lock (_gate) return _user; }
    }

    /// <summary>Frames (not close requests) put on this connection's send queue so far.</summary>
    public long FramesQueued => Interlocked.Read(ref _framesQueued);

    public void Enqueue(object item)
    {
        if (Interlocked.Increment(ref _queued) > MaxQueued)
        {
            _socket.Abort();
            return;
        }
        if (_queue.Writer.TryWrite(item) && item is not CloseRequest) Interlocked.Increment(ref _framesQueued);
    }

    public void Abort() => _socket.Abort();

    private void EnqueueRaw(string text) => Enqueue(text);

    public void Tick(DateTimeOffset now)
    {
        bool heartbeats;
        lock (_gate) heartbeats = _subscriptions.ContainsKey("heartbeats");
        if (heartbeats)
        {
            var counter = Interlocked.Increment(ref _heartbeatCounter);
            var events = new JsonArray { new JsonObject { ["current_time"] = Wire.GoTime(now, now - _venue.Start), ["heartbeat_counter"] = counter } };
            Enqueue(new WsFrame("heartbeats", now, events.ToText()));
        }
        else if (_venue.Options.IdleTimeout is { } idle && _everSubscribed && now.UtcTicks - Interlocked.Read(ref _lastSentUtcTicks) >= idle.Ticks)
            Enqueue(new CloseRequest(WebSocketCloseStatus.NormalClosure, "idle"));
    }

    public async Task RunAsync(CancellationToken aborted)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(aborted, _lifetime.Token);
        var token = cts.Token;
        var sending = SendLoopAsync(token);
        try { await ReceiveLoopAsync(token); }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException) { }
        finally
        {
            _queue.Writer.TryComplete();
            await _lifetime.CancelAsync();
            try { await sending; } catch (Exception e) when (e is WebSocketException or OperationCanceledException) { }
            foreach (var timer in _timers)
                try { await timer; } catch (OperationCanceledException) { }
            _lifetime.Dispose();
        }
    }

    private async Task CloseIfSilentAsync(CancellationToken token)
    {
        await Task.Delay(_venue.Options.SubscribeTimeout, Clock, token);
        if (!Volatile.Read(ref _everSubscribed)) Enqueue(new CloseRequest(WebSocketCloseStatus.PolicyViolation, "no subscribe within timeout"));
    }

    private async Task DropAfterAsync(TimeSpan after, CancellationToken token)
    {
        await Task.Delay(after, Clock, token);
        _venue.Faults.Counters.Dropped();
        _socket.Abort();
    }

    private async Task ReceiveLoopAsync(CancellationToken token)
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        while (_socket.State == WebSocketState.Open)
        {
            var result = await _socket.ReceiveAsync(buffer, token);
            if (result.MessageType == WebSocketMessageType.Close) return;
            message.Write(buffer, 0, result.Count);
            if (message.Length > 1024 * 1024) { Enqueue(new CloseRequest(WebSocketCloseStatus.MessageTooBig, "message too big")); return; }
            if (!result.EndOfMessage) continue;
            var text = Encoding.UTF8.GetString(message.GetBuffer(), 0, (int)message.Length);
            message.SetLength(0);
            Handle(text);
        }
    }

    private void Handle(string text)
    {
        JsonObject request;
        try
        {
            if (JsonNode.Parse(text) is not JsonObject parsed) { Error("malformed message"); return; }
            request = parsed;
        }
        catch (JsonException) { Error("malformed message"); return; }

        var type = request["type"]?.GetValueKind() == JsonValueKind.String ? request["type"]!.GetValue<string>() : null;
        var channel = request["channel"]?.GetValueKind() == JsonValueKind.String ? request["channel"]!.GetValue<string>() : null;
        var products = new List<string>();
        if (request["product_ids"] is JsonArray ids)
            foreach (var id in ids)
                if (id?.GetValueKind() == JsonValueKind.String) products.Add(id.GetValue<string>());
        if (type is not ("subscribe" or "unsubscribe") || channel is null) { Error("failure to subscribe"); return; }

        var known = channel is "heartbeats" or "status" or "user" || MarketChannels.Contains(channel);
        if (!known || (_userEndpoint && channel is not ("user" or "heartbeats"))) { Error("failure to subscribe"); return; }
        if (MarketChannels.Contains(channel) && type == "subscribe" && products.Count == 0) { Error("failure to subscribe"); return; }
        if (channel != "heartbeats" && products.Any(p => !_venue.IsListed(p))) { Error("failure to subscribe"); return; }
        if (channel == "user" && type == "subscribe")
        {
            var jwt = request["jwt"]?.GetValueKind() == JsonValueKind.String ? request["jwt"]!.GetValue<string>() : null;
            if (_verifier.Verify(jwt, null, out _) is null) { Error("authentication failure"); return; }
        }
        if (type == "subscribe" && (++_subscribes <= _venue.Faults.Options.IgnoreFirstSubscribes || _venue.Faults.Roll(_venue.Faults.Options.IgnoreSubscribe)))
        {
            _venue.Faults.Counters.Ignored();
            return;
        }

        lock (_venue.Gate)
        {
            lock (_gate)
            {
                if (type == "subscribe") Subscribe(channel, products);
                else Unsubscribe(channel, products);
            }
            Enqueue(Ack());
        }
        if (type == "subscribe") Volatile.Write(ref _everSubscribed, true);
    }

    /// <summary>Registers and queues the snapshot; runs with the venue lock held so no update slips between.</summary>
    private void Subscribe(string channel, List<string> products)
    {
        if (channel == "user")
        {
            if (!_user || _userProducts is not null)
                _userProducts = products.Count == 0 ? null : new HashSet<string>((_userProducts ?? []).Concat(products));
            _user = true;
            foreach (var frame in _venue.Snapshots("user", [], id => _userProducts is null || _userProducts.Contains(id))) Enqueue(frame);
            return;
        }
        if (channel == "status" && products.Count == 0) products = _venue.ProductIdsUnlocked();
        if (!_subscriptions.TryGetValue(channel, out var set)) _subscriptions[channel] = set = new SortedSet<string>(StringComparer.Ordinal);
        var added = products.Where(set.Add).ToList();
        if (channel != "heartbeats" && added.Count > 0)
            foreach (var frame in _venue.Snapshots(channel, added, _ => false)) Enqueue(frame);
    }

    private void Unsubscribe(string channel, List<string> products)
    {
        if (channel == "user") { _user = false; _userProducts = null; return; }
        if (!_subscriptions.TryGetValue(channel, out var set)) return;
        if (products.Count == 0 || channel == "heartbeats") set.Clear();
        else foreach (var p in products) set.Remove(p);
        if (set.Count == 0) _subscriptions.Remove(channel);
    }

    private WsFrame Ack()
    {
        var map = new JsonObject();
        foreach (var (channel, products) in _subscriptions) map[channel] = Wire.Strings(products);
        if (_user) map["user"] = Wire.Strings([_venue.Options.UserId]);
        var events = new JsonArray { new JsonObject { ["subscriptions"] = map } };
        return new WsFrame("subscriptions", _venue.Now, events.ToText());
    }

    private void Error(string message) =>
        EnqueueRaw(new JsonObject { ["type"] = "error", ["message"] = message }.ToText());

    private async Task SendLoopAsync(CancellationToken token)
    {
        var faults = _venue.Faults;
        await foreach (var item in _queue.Reader.ReadAllAsync(token))
        {
            Interlocked.Decrement(ref _queued);
            if (item is CloseRequest close)
            {
                if (_socket.State == WebSocketState.Open)
                    await _socket.CloseOutputAsync(close.Status, close.Reason, token);
                return;
            }
            var stalled = false;
            for (var now = Clock.GetUtcNow(); faults.StallUntil(now) is { } until; now = Clock.GetUtcNow())
            {
                if (!stalled) faults.Counters.Stalled();
                stalled = true;
                await Task.Delay(until - now, Clock, token);
            }
            string text;
            if (item is WsFrame frame)
            {
                if (faults.Roll(faults.Options.SequenceGap)) { _sequence++; faults.Counters.Gap(); }
                text = frame.Render(_sequence++, _userEndpoint);
                if (faults.Roll(faults.Options.Malformed)) { text = text[..(text.Length / 2)]; faults.Counters.MalformedFrame(); }
            }
            else text = (string)item;
            await SendTextAsync(text, token);
            if (item is WsFrame && faults.Roll(faults.Options.Duplicate))
            {
                faults.Counters.Duplicated();
                await SendTextAsync(text, token);
            }
            Interlocked.Exchange(ref _lastSentUtcTicks, Clock.GetUtcNow().UtcTicks);
        }
    }

    private Task SendTextAsync(string text, CancellationToken token) =>
        _socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, endOfMessage: true, token);
}
