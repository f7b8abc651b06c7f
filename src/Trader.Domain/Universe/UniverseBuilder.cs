using System.Globalization;
using Trader.Domain.Config;
using Trader.Domain.Market;
using Trader.Domain.Risk;

namespace Trader.Domain.Universe;

/// <summary>
/// REQ-U1: the eligible products of a cycle. A configured product is excluded, with a reason, when it is in
/// exclusions.never_trade or has no market data (<c>not_eligible</c>), when its venue status does not allow
/// entries (<c>product_unhealthy</c>), when its 24 h volume is under its tier's minimum (<c>not_eligible</c>),
/// when its spread is over its tier's limit capped by liquidity.max_spread_bps (<c>wide_spread</c>), or when
/// universe.max_universe_size is already reached (<c>not_eligible</c>).
/// </summary>
public static class UniverseBuilder
{
    public static EligibleUniverse Build(UniverseMap map, IReadOnlyDictionary<string, ProductMarketView> markets, UniverseConfig universe)
    {
        var members = new List<UniverseMember>(map.Symbols.Count);
        var exclusions = new List<UniverseExclusion>();

        for (var i = 0; i < map.Symbols.Count; i++)
        {
            var (member, neverTrade) = map.At(i);
            var productId = member.ProductId;
            var exclusion = ExclusionOf(neverTrade, productId, member.Tier, markets.GetValueOrDefault(productId));
            if (exclusion is not null)
            {
                exclusions.Add(exclusion);
                continue;
            }
            if (members.Count >= universe.Universe.MaxUniverseSize)
            {
                exclusions.Add(new UniverseExclusion(productId, ReasonCodes.NotEligible,
                    $"universe.max_universe_size {universe.Universe.MaxUniverseSize} reached"));
                continue;
            }
            members.Add(member);
        }

        return new EligibleUniverse(members, exclusions);
    }

    private static UniverseExclusion? ExclusionOf(bool neverTrade, string productId, TierAssignment tier, ProductMarketView? view)
    {
        if (neverTrade)
            return new UniverseExclusion(productId, ReasonCodes.NotEligible, "listed in exclusions.never_trade");
        if (view is null)
            return new UniverseExclusion(productId, ReasonCodes.NotEligible, "no market data");
        if (!view.Health.AllowsEntries)
            return new UniverseExclusion(productId, ReasonCodes.ProductUnhealthy,
                $"status {view.Health.Status}{(view.Health.Reason is null ? "" : ": " + view.Health.Reason)}");
        if (view.Volume24hUsd < tier.Min24hVolumeUsd)
            return new UniverseExclusion(productId, ReasonCodes.NotEligible,
                $"24h volume {Fmt(view.Volume24hUsd)} USD < {Fmt(tier.Min24hVolumeUsd)} ({tier.Name})");
        if (view.Quote is { } quote && quote.SpreadAbove(tier.MaxSpreadBps))
            return new UniverseExclusion(productId, ReasonCodes.WideSpread,
                $"spread {Fmt(Math.Round(quote.SpreadBps, 2))} bps > {Fmt(tier.MaxSpreadBps)} ({tier.Name})");
        return null;
    }

    private static string Fmt(decimal value) => value.ToString(CultureInfo.InvariantCulture);
}
