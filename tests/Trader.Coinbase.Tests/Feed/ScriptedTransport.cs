using Trader.Coinbase.Feed;

namespace Trader.Coinbase.Tests.Feed;

/// <summary>A transport the test drives by hand, to check the session's logic without sockets.</summary>
internal sealed class ScriptedTransport : IFeedTransport
{
    public event Action<ReceivedFrame>? FrameReceived;

    public event Action<FeedConnected>? Connected;

    public event Action<FeedDisconnected>? Disconnected;

    public IReadOnlyList<string> Channels { get; init; } = CoinbaseFeedOptions.MarketChannels;

    public List<string> Resubscribed { get; } = new();

    public void Resubscribe(string channel) => Resubscribed.Add(channel);

    public void Connect(long id, DateTimeOffset at) => Connected?.Invoke(new FeedConnected(id, id > 1, at));

    public void Drop(long id, DateTimeOffset at) => Disconnected?.Invoke(new FeedDisconnected(id, FeedDisconnectReason.ConnectionLost, "reset", 0, at));

    public void Frame(long id, DateTimeOffset at, string json) =>
        FrameReceived?.Invoke(new ReceivedFrame(id, at, System.Text.Encoding.UTF8.GetBytes(json)));
}
