namespace Trader.Coinbase.Parsing;

/// <summary>
/// The outcome of parsing one frame, with what the envelope said so far: <see cref="Channel"/> as emitted
/// (<c>l2_data</c>, not <c>level2</c>), <see cref="SequenceNum"/> and the envelope <see cref="Timestamp"/> (TsEvent).
/// <see cref="Reason"/> is one of <see cref="ParseReasons"/> unless the outcome is <see cref="ParseOutcome.Ok"/>.
/// </summary>
public readonly record struct ParseResult(
    ParseOutcome Outcome,
    string? Reason,
    string? Channel,
    long? SequenceNum,
    DateTimeOffset? Timestamp,
    int EventCount,
    string? Detail)
{
    public bool IsOk => Outcome == ParseOutcome.Ok;

    public bool IsRejected => Outcome == ParseOutcome.Rejected;
}
