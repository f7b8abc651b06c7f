using Trader.Domain.Config;

namespace Trader.Pipeline.Guards;

/// <summary>
/// The spread limit of a product (config-reference.md, "Effective values"): its tier's
/// <c>constraints.max_spread_bps</c> capped by <c>liquidity.max_spread_bps</c>; a product in no tier gets the
/// liquidity limit.
/// </summary>
public static class SpreadLimits
{
    public static Func<string, decimal> FromConfig(UniverseConfig universe, LiquiditySection liquidity)
    {
        var limits = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var tier in universe.Tiers.Values)
        {
            var limit = Math.Min(tier.Constraints.MaxSpreadBps, liquidity.MaxSpreadBps);
            foreach (var symbol in tier.Symbols)
                limits[symbol] = limits.TryGetValue(symbol, out var existing) ? Math.Min(existing, limit) : limit;
        }
        var fallback = liquidity.MaxSpreadBps;
        return product => limits.TryGetValue(product, out var limit) ? limit : fallback;
    }
}
