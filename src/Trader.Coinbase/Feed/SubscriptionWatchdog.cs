using Trader.Coinbase.Parsing;

namespace Trader.Coinbase.Feed;

/// <summary>
/// Notices a subscription the venue took silently but never serves (the <c>ignore_subscribe</c> fault with heartbeats
/// still flowing, so the connection never looks silent): after a connection opens, every subscribed channel must
/// deliver a first frame (its snapshot, an update, anything) within <see cref="Timeout"/>. One that has not is due
/// for a resubscribe, then again after 2×, 4×, … the timeout (capped at <see cref="MaxInterval"/>) until its first
/// frame arrives. Time is the frames' receive stamps (the injected clock), so the check runs whenever a frame comes;
/// with no frames at all the client's silence watchdog reconnects instead. A channel that delivered and then went
/// quiet is not this watchdog's business: staleness guards block its products. Not thread-safe (the session calls
/// it under its lock).
/// </summary>
internal sealed class SubscriptionWatchdog(TimeSpan timeout, TimeSpan maxInterval)
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    public static readonly TimeSpan DefaultMaxInterval = TimeSpan.FromSeconds(80);

    // Keyed by the channel name frames carry (l2_data), holding the name to subscribe with (level2).
    private readonly Dictionary<string, Pending> _pending = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];
    private long _connectionId;

    public TimeSpan Timeout { get; } = timeout;

    public TimeSpan MaxInterval { get; } = maxInterval;

    /// <summary>Subscribe names still waiting for their first frame on this connection, in subscribe order.</summary>
    public IReadOnlyList<string> Unserved => _order.Where(_pending.ContainsKey).Select(c => _pending[c].SubscribeName).ToArray();

    /// <summary>Connection <paramref name="connectionId"/> opened at <paramref name="at"/> and subscribed <paramref name="subscribeNames"/>.</summary>
    public void Begin(long connectionId, IReadOnlyList<string> subscribeNames, DateTimeOffset at)
    {
        Stop();
        _connectionId = connectionId;
        foreach (var name in subscribeNames)
        {
            var channel = WireChannels.EmittedName(name);
            if (_pending.TryAdd(channel, new Pending(name, at + Timeout, 0))) _order.Add(channel);
        }
    }

    /// <summary>No connection: nothing can be served, nothing is due.</summary>
    public void Stop()
    {
        _pending.Clear();
        _order.Clear();
    }

    /// <summary>A frame of <paramref name="channel"/> (its wire name) arrived: that subscription is served.</summary>
    public void Served(string? channel)
    {
        if (channel is not null && _pending.Count > 0) _pending.Remove(channel);
    }

    /// <summary>Adds to <paramref name="due"/> each subscription whose deadline passed at <paramref name="now"/>, and sets its next one.</summary>
    public void CollectDue(DateTimeOffset now, List<SubscriptionRetry> due)
    {
        if (_pending.Count == 0) return;
        foreach (var channel in _order)
        {
            if (!_pending.TryGetValue(channel, out var pending) || now < pending.Deadline) continue;
            var attempt = pending.Attempts + 1;
            var wait = TimeSpan.FromTicks(Math.Min(MaxInterval.Ticks, Timeout.Ticks << Math.Min(attempt, 20)));
            _pending[channel] = pending with { Deadline = now + wait, Attempts = attempt };
            due.Add(new SubscriptionRetry(_connectionId, pending.SubscribeName, attempt, now, now + wait));
        }
    }

    private readonly record struct Pending(string SubscribeName, DateTimeOffset Deadline, int Attempts);
}
