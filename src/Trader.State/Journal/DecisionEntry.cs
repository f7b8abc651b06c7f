namespace Trader.State.Journal;

/// <summary>
/// One journaled decision: the cycle it belongs to, when, which product (or none for cycle-level entries), what kind
/// (e.g. <c>proposal</c>, <c>risk</c>, <c>order</c>, <c>cycle</c>), its outcome, a reason code where one applies, an
/// optional JSON payload, and how long it took.
/// </summary>
public sealed record DecisionEntry
{
    public required long CycleId { get; init; }
    public required DateTimeOffset Ts { get; init; }
    public string? ProductId { get; init; }
    public required string Kind { get; init; }
    public required string Outcome { get; init; }
    public string? ReasonCode { get; init; }
    public string? PayloadJson { get; init; }
    public TimeSpan? Latency { get; init; }
}
