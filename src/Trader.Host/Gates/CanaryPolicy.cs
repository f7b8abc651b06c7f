using Trader.Domain.Config;
using Trader.Domain.Universe;

namespace Trader.Host.Gates;

/// <summary>
/// The canary LIVE policy (spec §6.5): for <see cref="Duration"/> after the first LIVE start, at most one open
/// position, only in tier 1, at <see cref="CapFactor"/> of the normal caps. A pure function of the config and the
/// <see cref="CanaryState"/>: it returns the config the decision engine should run with, so the ordinary risk checks
/// enforce the canary with their ordinary reason codes (<c>max_open_positions</c>, <c>tier_cap</c>,
/// <c>max_total_at_risk_pct</c>, <c>position_size_too_large</c>, <c>theme_cap</c>):
/// <list type="bullet">
/// <item><c>risk.max_open_positions</c> ≤ 1 and <c>strategy.max_new_positions_per_cycle</c> ≤ 1;</item>
/// <item>tiers other than tier 1 get <c>max_allocation_pct: 0</c> (no new entry; their symbols stay mapped so held
/// positions keep their exposure and exits);</item>
/// <item>half of <c>risk.max_total_at_risk_pct</c>, <c>risk.max_position_size_pct</c>, every
/// <c>risk.max_per_theme_pct</c>, tier 1's <c>max_allocation_pct</c>, <c>strategy.base_position_pct.tier1</c> and
/// <c>position_sizing.max_order_usd</c>.</item>
/// </list>
/// Exits, stops, staleness and every other gate are untouched. After the period the config is returned as is.
/// Hook where LIVE builds its decision engine: <c>new DecisionEngine(CanaryPolicy.Apply(config, canary))</c>; a run
/// still up at <see cref="CanaryState.EndsAt"/> keeps the canary limits until it is restarted (the safe side).
/// </summary>
public static class CanaryPolicy
{
    public static readonly TimeSpan Duration = TimeSpan.FromHours(48);
    public const decimal CapFactor = 0.5m;
    public const int MaxPositions = 1;
    public const string Tier1SizeKey = "tier1";

    public static TraderConfig Apply(TraderConfig config, CanaryState state) => state.Active ? Limits(config) : config;

    /// <summary>The canary limits, whatever the state.</summary>
    public static TraderConfig Limits(TraderConfig config)
    {
        var policy = config.Policy;
        var risk = policy.Risk with
        {
            MaxTotalAtRiskPct = policy.Risk.MaxTotalAtRiskPct * CapFactor,
            MaxPositionSizePct = policy.Risk.MaxPositionSizePct * CapFactor,
            MaxPerThemePct = policy.Risk.MaxPerThemePct.ToDictionary(kv => kv.Key, kv => kv.Value * CapFactor),
            MaxOpenPositions = Math.Min(policy.Risk.MaxOpenPositions, MaxPositions),
        };
        var strategy = policy.Strategy with
        {
            BasePositionPct = policy.Strategy.BasePositionPct.ToDictionary(kv => kv.Key, kv => kv.Key == Tier1SizeKey ? kv.Value * CapFactor : kv.Value),
            MaxNewPositionsPerCycle = Math.Min(policy.Strategy.MaxNewPositionsPerCycle, MaxPositions),
        };
        var sizing = policy.PositionSizing with { MaxOrderUsd = policy.PositionSizing.MaxOrderUsd * CapFactor };
        var tiers = config.Universe.Tiers.ToDictionary(kv => kv.Key, kv => kv.Value with
        {
            Constraints = kv.Value.Constraints with
            {
                MaxAllocationPct = UniverseMap.BaseSizeKeyOf(kv.Key) == Tier1SizeKey ? kv.Value.Constraints.MaxAllocationPct * CapFactor : 0m,
            },
        });
        return config with
        {
            Policy = policy with { Risk = risk, Strategy = strategy, PositionSizing = sizing },
            Universe = config.Universe with { Tiers = tiers },
        };
    }
}
