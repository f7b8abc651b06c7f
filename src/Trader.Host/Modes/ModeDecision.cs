using Trader.Domain.Trading;

namespace Trader.Host.Modes;

/// <summary>
/// The mode a run starts in, or the refusal: when <see cref="Refused"/> the caller prints every
/// <see cref="Unmet"/> condition and exits 4 (CONTRACTS.md §1). <see cref="Notes"/> are informational lines.
/// </summary>
public sealed record ModeDecision(TradingMode Mode, IReadOnlyList<UnmetCondition> Unmet, IReadOnlyList<string> Notes)
{
    public bool Refused => Unmet.Count > 0;
}
