using Trader.Domain.Config;

namespace Trader.Host.Configuration;

/// <summary>
/// universe.yaml: its schema and its binding to <see cref="UniverseConfig"/>. A tier's <c>max_spread_bps</c> and
/// <c>min_24h_volume_usd</c> may be left out and then take policy.yaml's <c>liquidity</c> values; its
/// <c>max_allocation_pct</c> is required.
/// </summary>
internal static class UniverseConfigBinder
{
    public static UniverseConfig Bind(YamlSection root, LiquiditySection liquidity)
    {
        var d = new UniverseConfig();

        var clusters = root.Section("clusters");
        var clustersSection = new ClustersSection
        {
            Enabled = clusters.Bool("enabled", d.Clusters.Enabled),
            Definitions = clusters.Map("definitions", d.Clusters.Definitions, (s, name, node) => s.EntryStringList(name, node)),
        };

        var exclusions = root.Section("exclusions");
        var exclusionsSection = new ExclusionsSection
        {
            NeverTrade = exclusions.StringList("never_trade", d.Exclusions.NeverTrade, Must.NotEmpty),
        };

        var tiers = root.Map("tiers", d.Tiers, (s, name, node) => BindTier(s.EntrySection(name, node), liquidity));

        var limits = root.Section("universe");
        var limitsSection = new UniverseLimits
        {
            MaxUniverseSize = limits.Int("max_universe_size", d.Universe.MaxUniverseSize, Must.PositiveWhole),
            MinEligibleAssets = limits.Int("min_eligible_assets", d.Universe.MinEligibleAssets, Must.PositiveWhole),
        };

        return new UniverseConfig { Clusters = clustersSection, Exclusions = exclusionsSection, Tiers = tiers, Universe = limitsSection };
    }

    private static TierConfig BindTier(YamlSection tier, LiquiditySection liquidity)
    {
        var symbols = tier.StringList("symbols", [], Must.NotEmpty);
        if (!tier.Has("constraints"))
        {
            tier.Error(tier.Path, "a tier needs constraints (max_allocation_pct, max_spread_bps, min_24h_volume_usd)");
            return new TierConfig { Symbols = symbols };
        }
        var constraints = tier.Section("constraints");
        if (!constraints.Has("max_allocation_pct"))
            tier.Error(constraints.Path + ".max_allocation_pct", "required: the tier's allocation cap in percent of NAV", tier.Find("constraints"));
        return new TierConfig
        {
            Symbols = symbols,
            Constraints = new TierConstraints
            {
                MaxAllocationPct = constraints.Decimal("max_allocation_pct", 0m, Must.Percent),
                MaxSpreadBps = constraints.Decimal("max_spread_bps", liquidity.MaxSpreadBps, Must.Positive),
                Min24hVolumeUsd = constraints.Decimal("min_24h_volume_usd", liquidity.Min24hVolumeUsd, Must.NonNegative),
            },
        };
    }
}
