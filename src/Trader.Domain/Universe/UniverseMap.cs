using Trader.Domain.Config;

namespace Trader.Domain.Universe;

/// <summary>
/// Which tier and theme each configured product belongs to (universe.yaml tiers and clusters). Used for
/// eligibility and for exposure of every position, eligible or not. Tiers are taken in ordinal order of their
/// names; a symbol listed in two tiers belongs to the first.
/// </summary>
public sealed class UniverseMap
{
    private readonly Dictionary<string, TierAssignment> _tierBySymbol = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _themeByBase = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> _symbolsInOrder = [];
    private readonly HashSet<string> _neverTrade;
    private readonly Dictionary<string, UniverseMember> _members = new(StringComparer.Ordinal);
    // The same members with their never-trade flags in symbol order: a cycle walks them without a lookup per symbol.
    private readonly List<(UniverseMember Member, bool NeverTrade)> _inOrder = [];

    public UniverseMap(UniverseConfig universe, PolicyConfig policy)
    {
        foreach (var tierName in universe.Tiers.Keys.OrderBy(k => k, StringComparer.Ordinal))
        {
            var tier = universe.Tiers[tierName];
            var assignment = new TierAssignment(
                tierName,
                BaseSizeKeyOf(tierName),
                tier.Constraints.MaxAllocationPct,
                Math.Min(tier.Constraints.MaxSpreadBps, policy.Liquidity.MaxSpreadBps),
                tier.Constraints.Min24hVolumeUsd);
            foreach (var symbol in tier.Symbols)
            {
                if (_tierBySymbol.TryAdd(symbol, assignment)) _symbolsInOrder.Add(symbol);
            }
        }

        if (universe.Clusters.Enabled)
        {
            foreach (var theme in universe.Clusters.Definitions.Keys.OrderBy(k => k, StringComparer.Ordinal))
                foreach (var baseCurrency in universe.Clusters.Definitions[theme])
                    _themeByBase.TryAdd(baseCurrency, theme);
        }

        _neverTrade = new HashSet<string>(universe.Exclusions.NeverTrade, StringComparer.Ordinal);
        foreach (var symbol in _symbolsInOrder)
        {
            var member = new UniverseMember(symbol, _tierBySymbol[symbol], ThemeOf(symbol));
            _members.Add(symbol, member);
            _inOrder.Add((member, _neverTrade.Contains(symbol)));
        }
    }

    /// <summary>The member record of <see cref="Symbols"/>[<paramref name="index"/>] and whether it is never traded.</summary>
    internal (UniverseMember Member, bool NeverTrade) At(int index) => _inOrder[index];

    /// <summary>The (immutable) member record of a configured product, built once instead of every cycle.</summary>
    public UniverseMember? MemberOf(string productId) => _members.GetValueOrDefault(productId);

    /// <summary>Configured symbols, tier by tier, each tier in its listed order.</summary>
    public IReadOnlyList<string> Symbols => _symbolsInOrder;

    public TierAssignment? TierOf(string productId) => _tierBySymbol.GetValueOrDefault(productId);

    public bool IsNeverTrade(string productId) => _neverTrade.Contains(productId);

    /// <summary>The cluster of the product's base currency (BTC-USD → LAYER1), or null when it has none.</summary>
    public string? ThemeOf(string productId) =>
        _members.TryGetValue(productId, out var member) ? member.Theme : _themeByBase.GetValueOrDefault(BaseCurrencyOf(productId));

    public static string BaseCurrencyOf(string productId)
    {
        var dash = productId.IndexOf('-');
        return dash > 0 ? productId[..dash] : productId;
    }

    /// <summary><c>tier_1_core</c> → <c>tier1</c> (the keys of strategy.base_position_pct).</summary>
    public static string BaseSizeKeyOf(string tierName)
    {
        var start = -1;
        for (var i = 0; i < tierName.Length; i++)
        {
            if (char.IsAsciiDigit(tierName[i])) { start = i; break; }
        }
        if (start < 0) return tierName;
        var end = start;
        while (end < tierName.Length && char.IsAsciiDigit(tierName[end])) end++;
        return "tier" + tierName[start..end];
    }
}
