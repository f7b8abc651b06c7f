namespace Trader.Host.Import;

/// <summary>
/// One <c>trader capture import</c> run. <see cref="From"/>/<see cref="To"/> keep bars starting (or frames
/// received) in [From, To). <see cref="SpreadBps"/> is the spread synthesized around trade bars and candles.
/// </summary>
public sealed record ImportRequest(
    CaptureFormat Format,
    IReadOnlyList<string> Inputs,
    string Out,
    string? Product = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    decimal SpreadBps = 5m)
{
    public bool Keeps(DateTimeOffset at) => (From is null || at >= From) && (To is null || at < To);
}
