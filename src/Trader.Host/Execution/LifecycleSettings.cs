using Trader.Domain.Config;

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
    /// The taker fallback's slippage budget in bps for a product of <paramref name="tier"/>: the tier's entry, else
    /// <c>default</c>, else the largest configured (the binder always merges a <c>default</c>).
    /// </summary>
    public decimal SlippageBps(string? tier) =>
        tier is not null && TakerMaxSlippageBps.TryGetValue(tier, out var bps) ? bps
        : TakerMaxSlippageBps.TryGetValue(DefaultTier, out var fallback) ? fallback
        : TakerMaxSlippageBps.Values.DefaultIfEmpty(0m).Max();
}
