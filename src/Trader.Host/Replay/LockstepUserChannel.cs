using System.Collections.Concurrent;
using Trader.Coinbase.Feed;
using Trader.Coinbase.Parsing;
using Trader.Host.Execution;

namespace Trader.Host.Replay;

/// <summary>
/// The embedded simulator's <c>user</c> channel for a PAPER replay with venue <c>sim</c> (CONTRACTS.md §3: fills come
/// back on the simulator's user channel): the real <see cref="CoinbaseFeedClient"/> and <see cref="CoinbaseUserFeed"/>
/// over a real socket, its subscribe signed with the throwaway key. The replay's clock stands still while a cycle runs,
/// so before each cycle <see cref="SettleAsync"/> waits until every frame the simulator has queued for the user
/// endpoint has arrived: the updates handed to the cycle are then a function of the replay alone (same capture, same
/// digest), not of socket timing. The wait is bounded on the real clock; a channel that falls behind, reconnects or has
/// no subscription answers null and the caller reads every working order over REST instead (the fallback of issue 6).
/// </summary>
public sealed class LockstepUserChannel : IAsyncDisposable
{
    private readonly CoinbaseFeedClient _client;
    private readonly CoinbaseUserFeed _feed;
    private readonly EmbeddedSimulatorVenue _venue;
    private readonly TimeProvider _realTime;
    private readonly TimeSpan _settleWait;
    private readonly ConcurrentQueue<UserOrderUpdate> _updates = new();
    private readonly SemaphoreSlim _frameArrived = new(0);
    private long _framesHandled;
    private long _framesNeverDelivered; // queued on a connection that closed before sending them
    private long _connectionsAtLastSettle;

    private LockstepUserChannel(EmbeddedSimulatorVenue venue, TimeProvider realTime, TimeSpan settleWait)
    {
        _venue = venue;
        _realTime = realTime;
        _settleWait = settleWait;
        // No heartbeats: on the replay's clock they would be one frame per virtual second. No silence watchdog either
        // (an idle user channel is normal); a dead connection shows as frames that never arrive.
        var options = CoinbaseFeedOptions.User(venue.Simulator.UserWebSocketUrl, []) with
        {
            Channels = [WireChannels.User],
            SilenceTimeout = Timeout.InfiniteTimeSpan,
        };
        _client = new CoinbaseFeedClient(options, realTime, venue.WebSocketTokens);
        _feed = new CoinbaseUserFeed(_client);
        _feed.OrderUpdated += _updates.Enqueue;
        // Subscribed after the feed's parser, so a frame counts as handled once its updates are queued.
        _client.FrameReceived += _ =>
        {
            Interlocked.Increment(ref _framesHandled);
            _frameArrived.Release();
        };
    }

    /// <summary>Order updates received so far (every one, including those of orders already settled).</summary>
    public long OrderUpdates => _feed.OrderUpdates;

    /// <summary>Cycles whose updates could not be trusted, so every working order was read over REST.</summary>
    public long Fallbacks { get; private set; }

    /// <summary>
    /// Connects and subscribes; null (and nothing left running) when the subscription is not confirmed within
    /// <paramref name="connectWait"/> of real time.
    /// </summary>
    public static async Task<LockstepUserChannel?> ConnectAsync(EmbeddedSimulatorVenue venue, TimeProvider realTime, TimeSpan connectWait,
        TimeSpan settleWait, CancellationToken cancellationToken)
    {
        var channel = new LockstepUserChannel(venue, realTime, settleWait);
        channel._client.Start();
        using var timeout = new CancellationTokenSource(connectWait, realTime);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            while (!venue.Simulator.HasUserSubscriber) await Task.Delay(TimeSpan.FromMilliseconds(5), realTime, deadline.Token).ConfigureAwait(false);
            if (await channel.WaitForQueuedFramesAsync(deadline.Token).ConfigureAwait(false))
            {
                channel._connectionsAtLastSettle = channel._client.Connections;
                return channel;
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
        }
        await channel.DisposeAsync().ConfigureAwait(false);
        return null;
    }

    /// <summary>
    /// Call when the replay's clock stands still: waits until every frame the simulator queued for the user endpoint has
    /// been handled, then returns the client order ids whose orders changed since the last call, in arrival order.
    /// Null means "read every working order": the channel reconnected, lost its subscription or fell behind.
    /// </summary>
    public async Task<IReadOnlyList<string>?> SettleAsync(CancellationToken cancellationToken)
    {
        var connections = _client.Connections;
        var trusted = connections == _connectionsAtLastSettle && _client.IsConnected && _venue.Simulator.HasUserSubscriber;
        if (trusted)
        {
            using var timeout = new CancellationTokenSource(_settleWait, _realTime);
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
            try
            {
                trusted = await WaitForQueuedFramesAsync(deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                trusted = false;
            }
        }

        var changed = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (_updates.TryDequeue(out var update))
            if (seen.Add(update.ClientOrderId)) changed.Add(update.ClientOrderId);
        if (trusted) return changed;

        // From here on count only what the current connection can still deliver.
        Interlocked.Exchange(ref _framesNeverDelivered, _venue.Simulator.UserFramesQueued - Interlocked.Read(ref _framesHandled));
        _connectionsAtLastSettle = connections;
        Fallbacks++;
        return null;
    }

    private async Task<bool> WaitForQueuedFramesAsync(CancellationToken cancellationToken)
    {
        while (Interlocked.Read(ref _framesHandled) < _venue.Simulator.UserFramesQueued - Interlocked.Read(ref _framesNeverDelivered))
            await _frameArrived.WaitAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    public async ValueTask DisposeAsync()
    {
        _feed.Dispose();
        await _client.DisposeAsync().ConfigureAwait(false);
        _frameArrived.Dispose();
    }
}
