namespace Trader.Coinbase.Feed;

/// <summary>
/// The socket side of the feed as the market-data session sees it: frames stamped at the edge, connection
/// changes, and a way to ask for a fresh snapshot of a channel. <see cref="CoinbaseFeedClient"/> is the real one.
/// </summary>
public interface IFeedTransport
{
    event Action<ReceivedFrame>? FrameReceived;

    event Action<FeedConnected>? Connected;

    event Action<FeedDisconnected>? Disconnected;

    /// <summary>The channels (subscribe names) subscribed on every new connection.</summary>
    IReadOnlyList<string> Channels { get; }

    /// <summary>Unsubscribes and subscribes <paramref name="channel"/> (a subscribe name) again on the open connection.</summary>
    void Resubscribe(string channel);
}
