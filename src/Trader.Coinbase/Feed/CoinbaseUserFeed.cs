using Trader.Coinbase.Parsing;

namespace Trader.Coinbase.Feed;

/// <summary>
/// The <c>user</c> channel session over a transport (a <see cref="CoinbaseFeedClient"/> on the user endpoint, every
/// subscribe signed with a fresh JWT): each frame is parsed with <see cref="UserChannelParser"/> and every order it
/// carries is raised as <see cref="OrderUpdated"/>; bad frames and error frames are counted and raised as
/// <see cref="FrameRejected"/>, never thrown. Handlers run on the socket's thread and must not block it.
/// </summary>
public sealed class CoinbaseUserFeed : IDisposable
{
    private readonly IFeedTransport _transport;
    private long _updates;
    private long _rejected;

    public CoinbaseUserFeed(IFeedTransport transport)
    {
        _transport = transport ?? throw new ArgumentNullException(nameof(transport));
        transport.FrameReceived += OnFrame;
    }

    public event Action<UserOrderUpdate>? OrderUpdated;

    public event Action<UserChannelResult>? FrameRejected;

    public long OrderUpdates => Interlocked.Read(ref _updates);

    public long FramesRejected => Interlocked.Read(ref _rejected);

    public void Dispose() => _transport.FrameReceived -= OnFrame;

    private void OnFrame(ReceivedFrame frame)
    {
        var result = UserChannelParser.Parse(frame.Bytes.Span);
        if (result.Outcome == ParseOutcome.Rejected)
        {
            Interlocked.Increment(ref _rejected);
            FrameRejected?.Invoke(result);
            return;
        }
        foreach (var order in result.Orders)
        {
            Interlocked.Increment(ref _updates);
            OrderUpdated?.Invoke(order);
        }
    }
}
