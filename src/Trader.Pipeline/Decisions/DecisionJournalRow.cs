namespace Trader.Pipeline.Decisions;

/// <summary>
/// One row of the decision journal: the cycle, the cycle's "now", the product, the kind of fact
/// (<see cref="DecisionJournalKinds"/>), its outcome, the reason code when refused, the canonical text of the fact
/// and the cycle's latency when the row was written (injected clock).
/// </summary>
public sealed record DecisionJournalRow(
    long CycleId,
    DateTimeOffset Ts,
    string ProductId,
    string Kind,
    string Outcome,
    string? ReasonCode,
    string Payload,
    TimeSpan Latency)
{
    /// <summary>A stable one-line rendering (no latency: it depends on the machine) for digests and golden tests.</summary>
    public string ToCanonicalLine() =>
        $"{CycleId}|{Ts.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss.fff'Z'}|{ProductId}|{Kind}|{Outcome}|{ReasonCode ?? "-"}|{Payload}";
}
