using Trader.Host.ClockSync;
using Trader.State.Evidence;

namespace Trader.Host.Gates;

/// <summary>
/// What the evidence-based gates read, gathered once: the time of evaluation, every <c>paper_session</c> and
/// <c>kill_drill</c> record of the state DB, the clock check made for this evaluation (null when not made: a
/// simulator run), and the environment (for the alert webhook).
/// </summary>
public sealed record GateEvidence(
    DateTimeOffset Now,
    IReadOnlyList<EvidenceRecord> PaperSessions,
    IReadOnlyList<EvidenceRecord> KillDrills,
    ClockCheck? Clock,
    Func<string, string?> Environment)
{
    public static GateEvidence From(EvidenceStore? store, DateTimeOffset now, ClockCheck? clock, Func<string, string?> environment) =>
        new(now,
            store?.OfKind(PaperSession.EvidenceKind) ?? [],
            store?.OfKind(Drill.KillDrill.EvidenceKind) ?? [],
            clock,
            environment);
}
