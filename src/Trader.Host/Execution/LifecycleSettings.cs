using Trader.Domain.Config;
using Trader.Domain.Universe;

namespace Trader.Host.Execution;

/// <summary>
/// What the working-order lifecycle takes from the policy (<c>execution.post_only_ttl_seconds</c>,
/// <c>cancel_after_seconds</c>, <c>taker_fallback</c>, <c>taker_max_slippage_bps</c>).
/// </summary>
public sealed record LifecycleSettings(TimeSpan PostOnlyTtl, TimeSpan CancelAfter, bool TakerFallback, IReadOnlyDictionary<string, decimal> TakerMaxSlippageBps)
{
    public const string DefaultTier = "default";

    public static LifecycleSettings FromPolicy(PolicyConfig policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var execution = policy.Execution;
        return new LifecycleSettings(TimeSpan.FromSeconds((double)execution.PostOnlyTtlSeconds), TimeSpan.FromSeconds((double)execution.CancelAfterSeconds),
            execution.TakerFallback, execution.TakerMaxSlippageBps);
    }

    /// <summary>
    /// The taker fallback's slippage budget in bps for a product of universe tier <paramref name="tier"/>
    /// (<c>tier_1_core</c>): the entry named like the tier, else <c>T</c> + the tier's number (<c>T1</c>, as
    /// config-reference.md keys it), else <c>default</c>, else the largest configured (the binder always merges a
    /// <c>default</c>).
    /// </summary>
    public decimal SlippageBps(string? tier)
    {
        if (tier is not null)
        {
            if (TakerMaxSlippageBps.TryGetValue(tier, out var exact)) return exact;
            var numbered = UniverseMap.BaseSizeKeyOf(tier); // tier_1_core → tier1
            if (numbered.StartsWith("tier", StringComparison.Ordinal) && TakerMaxSlippageBps.TryGetValue("T" + numbered[4..], out var byNumber))
                return byNumber;
        }
        return TakerMaxSlippageBps.TryGetValue(DefaultTier, out var fallback) ? fallback : TakerMaxSlippageBps.Values.DefaultIfEmpty(0m).Max();
    }
}
