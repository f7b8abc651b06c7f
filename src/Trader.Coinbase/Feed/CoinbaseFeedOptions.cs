using Trader.Coinbase.Parsing;

namespace Trader.Coinbase.Feed;

/// <summary>Settings of one WebSocket connection to the Advanced Trade feed (docs/MARKET-DATA.md "Feed client").</summary>
public sealed record CoinbaseFeedOptions
{
    /// <summary>The market-data channels, one subscribe message each.</summary>
    public static readonly IReadOnlyList<string> MarketChannels =
        [WireChannels.Ticker, WireChannels.MarketTrades, WireChannels.Level2, WireChannels.Candles, WireChannels.Status, WireChannels.Heartbeats];

    /// <summary>The channels of the user endpoint (needs credentials).</summary>
    public static readonly IReadOnlyList<string> UserChannels = [WireChannels.User, WireChannels.Heartbeats];

    /// <summary><c>exchange.ws_url</c> (market data) or <c>exchange.ws_user_url</c>.</summary>
    public required Uri Url { get; init; }

    public IReadOnlyList<string> ProductIds { get; init; } = [];

    /// <summary>Subscribe names (<c>level2</c>, not <c>l2_data</c>).</summary>
    public IReadOnlyList<string> Channels { get; init; } = MarketChannels;

    /// <summary>How long a connect may take on the injected clock before it counts as failed.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>No frame for this long on the injected clock → the connection is dropped and remade (heartbeats come every second).</summary>
    public TimeSpan SilenceTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Reconnect delay n (0-based) is uniform in [0, min(<see cref="BackoffCap"/>, <see cref="BackoffBase"/> × 2^n)].</summary>
    public TimeSpan BackoffBase { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan BackoffCap { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Seed of the jitter; the same seed gives the same delays.</summary>
    public int BackoffSeed { get; init; } = 247;

    /// <summary>WebSocket protocol pings (the TCP-level keep-alive; data-level keep-alive is the heartbeats channel).</summary>
    public TimeSpan KeepAliveInterval { get; init; } = TimeSpan.FromSeconds(20);

    public static CoinbaseFeedOptions Market(string wsUrl, IReadOnlyList<string> productIds) =>
        new() { Url = new Uri(wsUrl), ProductIds = productIds, Channels = MarketChannels };

    public static CoinbaseFeedOptions User(string wsUserUrl, IReadOnlyList<string> productIds) =>
        new() { Url = new Uri(wsUserUrl), ProductIds = productIds, Channels = UserChannels };
}
