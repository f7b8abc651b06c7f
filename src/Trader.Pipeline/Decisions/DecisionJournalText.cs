using System.Globalization;
using Trader.Domain.Decisions;
using Trader.Domain.Risk;

namespace Trader.Pipeline.Decisions;

/// <summary>Invariant, single-line payload text for journal rows (the same facts <c>Decision.ToCanonicalText</c> prints).</summary>
public static class DecisionJournalText
{
    public static string Order(ApprovedOrder approved)
    {
        var o = approved.Order;
        var p = approved.Proposal;
        return string.Create(CultureInfo.InvariantCulture,
            $"{o.Side} size={o.BaseSize} price={o.Price} notional={o.Notional} fee={o.ExpectedFee} role={o.Role} " +
            $"requested={approved.RequestedNotional} resized={approved.Resized} conviction={p.Conviction} " +
            $"reason={OneLine(p.ExitReasonName ?? p.Reason)} {OneLine(approved.Detail)}");
    }

    public static string Rejection(Rejection rejection) =>
        string.Create(CultureInfo.InvariantCulture, $"{rejection.Kind} {rejection.Side} {OneLine(rejection.Detail)}");

    private static string OneLine(string text) => text.Replace('\n', ' ').Replace('\r', ' ').Replace('|', '/');
}
