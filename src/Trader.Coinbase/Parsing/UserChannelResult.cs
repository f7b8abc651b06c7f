namespace Trader.Coinbase.Parsing;

/// <summary>
/// What one frame of the user endpoint held: order updates (Ok), a frame of another channel (Ignored: heartbeats,
/// subscription acks), or bad input (Rejected, with one of <see cref="ParseReasons"/>; nothing is emitted).
/// </summary>
public sealed record UserChannelResult(ParseOutcome Outcome, string? Reason, IReadOnlyList<UserOrderUpdate> Orders, string? Detail = null)
{
    public static UserChannelResult Ignored(string reason) => new(ParseOutcome.Ignored, reason, []);

    public static UserChannelResult Rejected(string reason, string? detail = null) => new(ParseOutcome.Rejected, reason, [], detail);

    public bool IsOk => Outcome == ParseOutcome.Ok;
}
