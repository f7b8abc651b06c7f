using System.Globalization;
using Trader.Domain.Decisions;
using Trader.Pipeline.Alerts;
using RiskCodes = Trader.Domain.Risk.ReasonCodes;

namespace Trader.Pipeline.Decisions;

/// <summary>
/// REQ-AL1 for REQ-E1: turns each decided cycle's exposure-cap breaches into <c>exposure_cap</c> alerts (warning),
/// one per product and cap reason code. A breach is an entry refused by a cap (<c>max_total_at_risk_pct</c>,
/// <c>position_size_too_large</c>, <c>theme_cap</c>, <c>tier_cap</c>, <c>max_open_positions</c>, <c>no_capacity</c>)
/// or an approved entry that risk resized down to fit a cap (the order-size limit
/// <c>position_sizing.max_order_usd</c> is not an exposure cap). Every breaching cycle raises again (the alert
/// manager suppresses repeats within its dedupe window and escalates an episode still open after 2 min); the
/// episode is resolved by the first later cycle that approves an entry in that product without that cap binding,
/// or after <see cref="ClearCycles"/> consecutive decided cycles with no breach of it (default 1: with 60 s cycles
/// a one-off breach then resolves before the 2-min escalation, while a cap refusing every cycle stays open). Stamped with the cycle's time, so the alert is raised within the cycle that decided.
/// Not thread-safe: the pipeline's act stage calls it serially.
/// </summary>
public sealed class ExposureCapAlerts
{
    /// <summary>The CONTRACTS.md §7 reason codes a cap refuses an entry with.</summary>
    public static readonly IReadOnlySet<string> CapCodes = new HashSet<string>(StringComparer.Ordinal)
    {
        RiskCodes.MaxTotalAtRiskPct, RiskCodes.PositionSizeTooLarge, RiskCodes.ThemeCap, RiskCodes.TierCap,
        RiskCodes.MaxOpenPositions, RiskCodes.NoCapacity,
    };

    private const string ResizeMarker = " to fit ";
    private readonly Dictionary<(string Product, string Reason), int> _open = [];

    public ExposureCapAlerts(int clearCycles = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(clearCycles, 1);
        ClearCycles = clearCycles;
    }

    public int ClearCycles { get; }

    /// <summary>The alerts one decided cycle raises and resolves, in a deterministic order.</summary>
    public IReadOnlyList<GuardAlert> Observe(Decision decision)
    {
        var alerts = new List<GuardAlert>();
        var breached = new HashSet<(string Product, string Reason)>();
        foreach (var rejection in decision.Rejections)
        {
            if (!CapCodes.Contains(rejection.ReasonCode)) continue;
            var key = (rejection.ProductId, rejection.ReasonCode);
            if (!breached.Add(key)) continue;
            alerts.Add(Breach(key, $"{rejection.ProductId} {rejection.Side} entry refused by {rejection.ReasonCode}: {rejection.Detail}", decision.Now));
        }

        var cleanEntries = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in decision.Entries)
        {
            var product = entry.Proposal.ProductId;
            if (entry.Resized && BindingCapOf(entry.Detail) is { } code)
            {
                var key = (product, code);
                if (breached.Add(key))
                {
                    alerts.Add(Breach(key, string.Create(CultureInfo.InvariantCulture,
                        $"{product} {entry.Proposal.Side} entry resized to {entry.Order.Notional} (requested {entry.RequestedNotional}) by {code}: {entry.Detail}"),
                        decision.Now));
                }
                continue;
            }
            cleanEntries.Add(product);
        }

        foreach (var key in _open.Keys.OrderBy(k => k.Product, StringComparer.Ordinal).ThenBy(k => k.Reason, StringComparer.Ordinal).ToList())
        {
            if (breached.Contains(key))
            {
                _open[key] = 0;
                continue;
            }
            var clean = _open[key] + 1;
            if (cleanEntries.Contains(key.Product) || clean >= ClearCycles)
            {
                _open.Remove(key);
                var why = cleanEntries.Contains(key.Product)
                    ? "an entry was approved without it binding"
                    : $"no breach in {clean} cycle(s)";
                alerts.Add(new GuardAlert(AlertKinds.ExposureCap, AlertSeverity.Info, key.Product, key.Reason,
                    $"{key.Product} {key.Reason} clear: {why}", decision.Now, Resolved: true));
            }
            else
            {
                _open[key] = clean;
            }
        }
        foreach (var key in breached) _open.TryAdd(key, 0);
        return alerts;
    }

    /// <summary>
    /// The cap code of a resized entry's binding limit, read from the risk engine's detail
    /// ("resized from X to fit risk.max_total_at_risk_pct (Y left); …"); null for the order-size limit.
    /// </summary>
    public static string? BindingCapOf(string detail)
    {
        var at = detail.IndexOf(ResizeMarker, StringComparison.Ordinal);
        if (at < 0) return null;
        var binding = detail.AsSpan(at + ResizeMarker.Length);
        if (binding.StartsWith("risk.max_total_at_risk_pct", StringComparison.Ordinal)) return RiskCodes.MaxTotalAtRiskPct;
        if (binding.StartsWith("risk.max_position_size_pct", StringComparison.Ordinal)) return RiskCodes.PositionSizeTooLarge;
        if (binding.StartsWith("risk.max_per_theme_pct.", StringComparison.Ordinal)) return RiskCodes.ThemeCap;
        if (binding.StartsWith("tiers.", StringComparison.Ordinal)) return RiskCodes.TierCap;
        return null;
    }

    private static GuardAlert Breach((string Product, string Reason) key, string message, DateTimeOffset now) =>
        new(AlertKinds.ExposureCap, AlertSeverity.Warning, key.Product, key.Reason, message, now, Resolved: false);
}
