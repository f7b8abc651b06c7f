using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;
using Trader.ExchangeSim.Auth;

namespace Trader.ExchangeSim.WebSockets;

/// <summary>The open WebSocket connections: fans frames out to the ones subscribed, and drives the once-a-second
/// work (heartbeats, idle close).</summary>
internal sealed class WsHub
{
    private readonly ConcurrentDictionary<long, WsSession> _sessions = new();
    private long _nextId;
    private long _closedUserFramesQueued;

    public Venue Venue { get; set; } = null!;
    public JwtVerifier Verifier { get; set; } = null!;

    public int ConnectionCount => _sessions.Count;

    /// <summary>Frames ever queued on user-endpoint connections, open or closed.</summary>
    public long UserFramesQueued =>
        Interlocked.Read(ref _closedUserFramesQueued) + _sessions.Values.Where(s => s.IsUserEndpoint).Sum(s => s.FramesQueued);

    public bool AnyUserSubscriber => _sessions.Values.Any(s => s.SubscribedToUser);

    /// <summary>Whether any connection would receive a frame, so callers can skip building unwanted frames.</summary>
    public bool AnyWants(string channel, string productId)
    {
        foreach (var session in _sessions.Values)
            if (channel == "user" ? session.WantsUser(productId) : session.Wants(channel, productId)) return true;
        return false;
    }

    public void Publish(string channel, string productId, WsFrame frame)
    {
        foreach (var session in _sessions.Values)
            if (session.Wants(channel, productId)) session.Enqueue(frame);
    }

    public void PublishUser(string productId, WsFrame frame)
    {
        foreach (var session in _sessions.Values)
            if (session.WantsUser(productId)) session.Enqueue(frame);
    }

    /// <summary>Called every second on the simulator's clock.</summary>
    public void Tick(DateTimeOffset now)
    {
        foreach (var session in _sessions.Values) session.Tick(now);
    }

    /// <summary>Aborts every connection (the simulator is stopping).</summary>
    public void AbortAll()
    {
        foreach (var session in _sessions.Values) session.Abort();
    }

    public async Task AcceptAsync(HttpContext context, bool userEndpoint)
    {
        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var id = Interlocked.Increment(ref _nextId);
        var session = new WsSession(socket, userEndpoint, Venue, Verifier);
        _sessions[id] = session;
        try { await session.RunAsync(context.RequestAborted); }
        finally
        {
            if (_sessions.TryRemove(id, out _) && userEndpoint) Interlocked.Add(ref _closedUserFramesQueued, session.FramesQueued);
        }
    }
}
