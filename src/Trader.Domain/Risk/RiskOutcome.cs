using Trader.Domain.Decisions;

namespace Trader.Domain.Risk;

/// <summary>What the risk engine approved (exits first, then entries) and what it refused, in evaluation order.</summary>
public sealed record RiskOutcome(
    IReadOnlyList<ApprovedOrder> Exits,
    IReadOnlyList<ApprovedOrder> Entries,
    IReadOnlyList<Rejection> Rejections,
    IReadOnlyList<string> ActiveHalts);
