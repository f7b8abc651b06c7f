using Trader.Domain.Config;

namespace Trader.Host.Runtime;

/// <summary>The products the service watches: every tier symbol that is not on the never-trade list.</summary>
public static class Universe
{
    public static IReadOnlyList<string> WatchedProducts(UniverseConfig universe)
    {
        var never = universe.Exclusions.NeverTrade.ToHashSet(StringComparer.OrdinalIgnoreCase);
        return universe.Tiers.Values.SelectMany(t => t.Symbols)
            .Where(s => !never.Contains(s))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .OrderBy(s => s, StringComparer.Ordinal)
            .ToList();
    }
}
