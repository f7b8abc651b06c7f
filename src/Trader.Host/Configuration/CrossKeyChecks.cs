using System.Globalization;
using Trader.Domain.Config;

namespace Trader.Host.Configuration;

/// <summary>
/// Rules that relate several keys (within a file or across files). Each is skipped when one of its keys already
/// has an error, so a wrong value never produces a second, misleading line.
/// </summary>
internal static class CrossKeyChecks
{
    private const string Policy = ConfigFiles.Policy;
    private const string Universe = ConfigFiles.Universe;
    private const string App = ConfigFiles.App;

    public static void Run(TraderConfig config, ProblemSink sink)
    {
        var risk = config.Policy.Risk;
        AtMost(sink, Policy, "risk.max_position_size_pct", risk.MaxPositionSizePct, "risk.max_total_at_risk_pct", risk.MaxTotalAtRiskPct);
        AtMost(sink, Policy, "risk.min_position_size_pct", risk.MinPositionSizePct, "risk.max_position_size_pct", risk.MaxPositionSizePct);
        AtMost(sink, Policy, "position_sizing.min_order_usd", config.Policy.PositionSizing.MinOrderUsd,
            "position_sizing.max_order_usd", config.Policy.PositionSizing.MaxOrderUsd);
        AtMost(sink, Universe, "universe.min_eligible_assets", config.Universe.Universe.MinEligibleAssets,
            "universe.max_universe_size", config.Universe.Universe.MaxUniverseSize);

        BasePositionsWithinCap(config, sink);
        Tiers(config.Universe, sink);
        ThemeCapsMatchClusters(config, sink);
        LooserThanSpec(config, sink);
    }

    private static void AtMost(ProblemSink sink, string file, string key, decimal value, string limitKey, decimal limit)
    {
        if (value <= limit || sink.HasErrorAt(file, key) || sink.HasErrorAt(file, limitKey))
            return;
        sink.Error(file, key, $"must be ≤ {limitKey} ({Show(limit)}), got {Show(value)}");
    }

    private static void BasePositionsWithinCap(TraderConfig config, ProblemSink sink)
    {
        var cap = config.Policy.Risk.MaxPositionSizePct;
        foreach (var (tier, fraction) in config.Policy.Strategy.BasePositionPct)
        {
            var key = $"strategy.base_position_pct.{tier}";
            if (fraction * 100 > cap && !sink.HasErrorAt(Policy, key) && !sink.HasErrorAt(Policy, "risk.max_position_size_pct"))
                sink.Warning(Policy, key, $"{Show(fraction * 100)} % of NAV is above risk.max_position_size_pct ({Show(cap)}); orders will be cut to the cap");
        }
    }

    private static void Tiers(UniverseConfig universe, ProblemSink sink)
    {
        if (sink.HasErrorAt(Universe, "tiers"))
            return;
        if (universe.Tiers.Count == 0)
        {
            sink.Error(Universe, "tiers", "at least one tier is required");
            return;
        }
        if (universe.Tiers.Values.All(t => t.Symbols.Count == 0))
            sink.Error(Universe, "tiers", "no tier lists any symbol: nothing could ever trade");

        var neverTrade = new HashSet<string>(universe.Exclusions.NeverTrade, StringComparer.OrdinalIgnoreCase);
        var firstTier = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, tier) in universe.Tiers)
        {
            var key = $"tiers.{name}.symbols";
            foreach (var symbol in tier.Symbols)
            {
                if (neverTrade.Contains(symbol))
                    sink.Error(Universe, key, $"{symbol} is also in exclusions.never_trade; remove it from one of them");
                if (firstTier.TryGetValue(symbol, out var other))
                    sink.Error(Universe, key, $"{symbol} is already in tiers.{other}; a symbol belongs to one tier");
                else
                    firstTier[symbol] = name;
            }
        }
    }

    private static void ThemeCapsMatchClusters(TraderConfig config, ProblemSink sink)
    {
        var clusters = config.Universe.Clusters;
        if (!clusters.Enabled || sink.HasErrorAt(Universe, "clusters.definitions") || sink.HasErrorAt(Policy, "risk.max_per_theme_pct"))
            return;
        var caps = config.Policy.Risk.MaxPerThemePct;
        foreach (var theme in caps.Keys)
        {
            if (clusters.Definitions.ContainsKey(theme))
                continue;
            var closest = KeySuggester.Closest(theme, clusters.Definitions.Keys);
            var hint = closest is null ? "" : $"; did you mean '{closest}'?";
            sink.Error(Policy, $"risk.max_per_theme_pct.{theme}", $"no cluster named {theme} in universe.yaml clusters.definitions, so this cap would never apply{hint}");
        }
        foreach (var cluster in clusters.Definitions.Keys)
        {
            if (!caps.ContainsKey(cluster))
                sink.Warning(Universe, $"clusters.definitions.{cluster}", "has no cap in policy.yaml risk.max_per_theme_pct");
        }
    }

    private static void LooserThanSpec(TraderConfig config, ProblemSink sink)
    {
        var breakers = config.Policy.CircuitBreakers;
        if (breakers.MaxQuoteAgeSeconds > 5 && !sink.HasErrorAt(Policy, "circuit_breakers.max_quote_age_seconds"))
            sink.Warning(Policy, "circuit_breakers.max_quote_age_seconds", $"{Show(breakers.MaxQuoteAgeSeconds)} s is looser than the spec's 5 s (REQ-ST1)");
        if (breakers.MaxOhlcvAgeSeconds > 90 && !sink.HasErrorAt(Policy, "circuit_breakers.max_ohlcv_age_seconds"))
            sink.Warning(Policy, "circuit_breakers.max_ohlcv_age_seconds", $"{Show(breakers.MaxOhlcvAgeSeconds)} s is looser than the spec's 90 s (REQ-ST1)");
        if (config.App.Loop.JitterPct > 10 && !sink.HasErrorAt(App, "loop.jitter_pct"))
            sink.Warning(App, "loop.jitter_pct", $"{Show(config.App.Loop.JitterPct)} % is above the spec's 0–10 % (REQ-SCH1)");
    }

    private static string Show(decimal value) => value.ToString("0.############", CultureInfo.InvariantCulture);
}
