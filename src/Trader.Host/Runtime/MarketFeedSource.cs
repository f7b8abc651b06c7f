using Trader.Coinbase.Feed;

namespace Trader.Host.Runtime;

/// <summary>
/// The market-data transport of <c>trader run</c> (<c>--feed</c>, CONTRACTS.md §1): the Advanced Trade WebSocket at
/// <c>exchange.ws_url</c> (<c>coinbase</c>), or a capture file paced on the real clock (<c>replay:FILE</c>). Both feed
/// the same session, guards and market state.
/// </summary>
public sealed class MarketFeedSource : IAsyncDisposable
{
    private readonly Action _start;
    private readonly Func<ValueTask> _dispose;

    private MarketFeedSource(IFeedTransport transport, string description, Action start, Func<ValueTask> dispose)
    {
        Transport = transport;
        Description = description;
        _start = start;
        _dispose = dispose;
    }

    public IFeedTransport Transport { get; }

    /// <summary>Where frames come from, for the logs: the URL or <c>replay:FILE</c>.</summary>
    public string Description { get; }

    public static MarketFeedSource Live(CoinbaseFeedClient client, string url) => new(client, url, client.Start, client.DisposeAsync);

    public static MarketFeedSource Replay(CaptureReplayTransport replay, string path) => new(replay, "replay:" + path, replay.Start, replay.DisposeAsync);

    /// <summary>The capture path of <c>--feed replay:FILE</c>, null for <c>coinbase</c>; a problem for anything else or a missing file.</summary>
    public static (string? ReplayPath, string? Problem) Parse(string feed)
    {
        if (feed == "coinbase") return (null, null);
        if (!feed.StartsWith("replay:", StringComparison.Ordinal) || feed.Length == "replay:".Length)
            return (null, $"--feed {feed}: takes coinbase or replay:FILE");
        var path = Path.GetFullPath(feed["replay:".Length..]);
        return File.Exists(path) ? (path, null) : (null, $"--feed {feed}: no such capture file {path}");
    }

    public void Start() => _start();

    public ValueTask DisposeAsync() => _dispose();
}
