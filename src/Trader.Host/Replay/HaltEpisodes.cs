using Trader.Host.Reports;
using Trader.Pipeline.Alerting;
using Trader.Pipeline.Alerts;

namespace Trader.Host.Replay;

/// <summary>
/// Halt episodes derived from the guards' alerts: an unresolved alert opens an episode for its dedupe key (kind,
/// product, reason) unless one is open; the matching resolved alert clears it. Gate = alert kind, scope = product
/// id or <c>all</c>, reason = the gate's reason code.
/// </summary>
public sealed class HaltEpisodes
{
    private readonly List<ReportHalt> _halts = [];
    private readonly Dictionary<string, int> _open = new(StringComparer.Ordinal);

    public IReadOnlyList<ReportHalt> Halts => _halts;

    public void Observe(GuardAlert alert)
    {
        var key = AlertManager.DedupeKeyOf(alert);
        if (alert.Resolved)
        {
            if (_open.Remove(key, out var index))
                _halts[index] = _halts[index] with { ClearedTs = alert.Ts };
            return;
        }
        if (_open.ContainsKey(key)) return;
        _open[key] = _halts.Count;
        _halts.Add(new ReportHalt(alert.Ts, alert.Kind, alert.ProductId ?? "all", alert.Reason, null));
    }
}
