namespace Trader.Coinbase.Feed;

/// <summary>Why a feed connection ended.</summary>
public enum FeedDisconnectReason : byte
{
    /// <summary>The connect failed or timed out.</summary>
    ConnectFailed,

    /// <summary>The server closed the socket.</summary>
    ServerClosed,

    /// <summary>The socket broke (reset, abort, protocol error).</summary>
    ConnectionLost,

    /// <summary>No frame for <see cref="CoinbaseFeedOptions.SilenceTimeout"/> on the clock.</summary>
    Silent,

    /// <summary>A subscribe message could not be sent.</summary>
    SubscribeFailed,

    /// <summary>We stopped it (shutdown).</summary>
    Stopped,
}
