using System.Globalization;
using System.Text;
using Trader.Domain.Regime;
using Trader.Domain.Risk;
using Trader.Domain.Triggers;
using Trader.Domain.Universe;

namespace Trader.Domain.Decisions;

/// <summary>
/// The outcome of one cycle: the regime it ran under, universe exclusions, the triggers that fired, the exits
/// and entries approved with their final sizes, every rejection with its reason code, and the account-wide
/// halts that were active. <see cref="ToCanonicalText"/> renders it deterministically (for digests and tests).
/// </summary>
public sealed record Decision(
    long CycleId,
    DateTimeOffset Now,
    RegimeAssessment Regime,
    IReadOnlyList<UniverseExclusion> Exclusions,
    IReadOnlyList<TriggerSignal> Triggers,
    IReadOnlyList<ApprovedOrder> Exits,
    IReadOnlyList<ApprovedOrder> Entries,
    IReadOnlyList<Rejection> Rejections,
    IReadOnlyList<string> ActiveHalts)
{
    /// <summary>One line per fact, invariant culture, in decision order.</summary>
    public string ToCanonicalText()
    {
        var sb = new StringBuilder();
        var ci = CultureInfo.InvariantCulture;
        sb.Append(ci, $"cycle {CycleId} {Now.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss.fff'Z'} regime {Regime.Name} x{Regime.Multiplier} ({Regime.Reason})\n");
        foreach (var halt in ActiveHalts) sb.Append(ci, $"halt {halt}\n");
        foreach (var e in Exclusions) sb.Append(ci, $"exclude {e.ProductId} {e.ReasonCode} {e.Detail}\n");
        foreach (var t in Triggers)
            sb.Append(ci, $"trigger {t.ProductId} {t.KindName} {t.Direction} s={t.Strength} c={t.Confidence} score={t.Score}\n");
        foreach (var a in Exits) AppendApproved(sb, "exit", a);
        foreach (var a in Entries) AppendApproved(sb, "entry", a);
        foreach (var r in Rejections)
            sb.Append(ci, $"reject {r.Kind} {r.ProductId} {r.Side} {r.ReasonCode} {r.Detail}\n");
        return sb.ToString();
    }

    private static void AppendApproved(StringBuilder sb, string label, ApprovedOrder a)
    {
        var o = a.Order;
        sb.Append(CultureInfo.InvariantCulture,
            $"{label} {o.ProductId} {o.Side} size={o.BaseSize} price={o.Price} notional={o.Notional} fee={o.ExpectedFee} " +
            $"requested={a.RequestedNotional} resized={a.Resized} conviction={a.Proposal.Conviction} {a.Detail}\n");
    }
}
