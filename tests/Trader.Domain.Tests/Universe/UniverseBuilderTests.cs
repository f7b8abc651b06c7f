using Trader.Domain.Config;
using Trader.Domain.Market;
using Trader.Domain.Risk;
using Trader.Domain.Tests.Support;
using Trader.Domain.Universe;

namespace Trader.Domain.Tests.Universe;

public sealed class UniverseBuilderTests
{
    private static readonly TraderConfig Config = Snap.Config();
    private static readonly UniverseMap Map = new(Config.Universe, Config.Policy);

    private static EligibleUniverse Build(params ProductMarketView[] views) =>
        UniverseBuilder.Build(Map, views.ToDictionary(v => v.ProductId), Config.Universe);

    [Fact]
    [Trait("Req", "REQ-U1")]
    public void Products_breaching_tier_thresholds_are_excluded_each_with_a_reason()
    {
        var universe = Build(
            Snap.View("BTC-USD", 50_000m),                                    // eligible
            Snap.View("ETH-USD", 3_000m, volume24hUsd: 9_999_999m),           // tier 1 needs 10 M
            Snap.View("SOL-USD", 100m, spreadBps: 21m),                       // tier 1 allows 20 bps
            Snap.View("DOGE-USD", 0.1m, volume24hUsd: 5_000_000m, spreadBps: 35m), // tier 2: exactly at both limits
            Snap.View("XRP-USD", 0.5m, health: new ProductHealth(ProductStatus.Delisted, "delisted")),
            Snap.View("USDT-USD", 1m));

        Assert.Equal(new[] { "BTC-USD", "DOGE-USD" }, universe.Members.Select(m => m.ProductId));
        var reasons = universe.Exclusions.ToDictionary(e => e.ProductId);
        Assert.Equal(ReasonCodes.NotEligible, reasons["ETH-USD"].ReasonCode);
        Assert.Contains("24h volume", reasons["ETH-USD"].Detail);
        Assert.Equal(ReasonCodes.WideSpread, reasons["SOL-USD"].ReasonCode);
        Assert.Contains("> 20", reasons["SOL-USD"].Detail);
        Assert.Equal(ReasonCodes.ProductUnhealthy, reasons["XRP-USD"].ReasonCode);
        // Configured products without market data are reported too; never_trade is not configured in a tier by default.
        Assert.Equal(ReasonCodes.NotEligible, reasons["ADA-USD"].ReasonCode);
        Assert.Equal("no market data", reasons["ADA-USD"].Detail);
        Assert.False(reasons.ContainsKey("USDT-USD"));
    }

    [Fact]
    [Trait("Req", "REQ-U1")]
    public void Never_trade_wins_over_a_tier_listing_and_the_spread_limit_is_capped_by_liquidity()
    {
        var config = Config with
        {
            Universe = Config.Universe with
            {
                Exclusions = new ExclusionsSection { NeverTrade = ["BTC-USD"] },
                Tiers = UniverseConfig.DefaultTiers().ToDictionary(kv => kv.Key, kv => kv.Key == "tier_1_core"
                    ? kv.Value with { Constraints = kv.Value.Constraints with { MaxSpreadBps = 500m } }
                    : kv.Value),
            },
        };
        var map = new UniverseMap(config.Universe, config.Policy);
        var views = new[] { Snap.View("BTC-USD", 50_000m), Snap.View("ETH-USD", 3_000m, spreadBps: 81m), Snap.View("SOL-USD", 100m, spreadBps: 79m) };
        var universe = UniverseBuilder.Build(map, views.ToDictionary(v => v.ProductId), config.Universe);

        Assert.Equal("listed in exclusions.never_trade", universe.Exclusions.Single(e => e.ProductId == "BTC-USD").Detail);
        Assert.Equal(ReasonCodes.WideSpread, universe.Exclusions.Single(e => e.ProductId == "ETH-USD").ReasonCode); // 80 = liquidity.max_spread_bps
        Assert.Equal(80m, map.TierOf("ETH-USD")!.MaxSpreadBps);
        Assert.Equal("SOL-USD", Assert.Single(universe.Members).ProductId);
    }

    [Fact]
    [Trait("Req", "REQ-U1")]
    public void Max_universe_size_keeps_tier_order_and_reports_the_rest()
    {
        var config = Config with { Universe = Config.Universe with { Universe = new UniverseLimits { MaxUniverseSize = 2 } } };
        var map = new UniverseMap(config.Universe, config.Policy);
        var universe = UniverseBuilder.Build(map, Snap.DefaultMarkets().ToDictionary(v => v.ProductId), config.Universe);

        Assert.Equal(new[] { "BTC-USD", "ETH-USD" }, universe.Members.Select(m => m.ProductId));
        Assert.Contains(universe.Exclusions, e => e.ProductId == "SOL-USD" && e.Detail.Contains("max_universe_size"));
    }

    [Fact]
    [Trait("Req", "REQ-U2")]
    public void Themes_come_from_the_base_currency_clusters_and_tiers_map_to_their_base_size_keys()
    {
        Assert.Equal("LAYER1", Map.ThemeOf("SOL-USD"));
        Assert.Equal("MEME", Map.ThemeOf("DOGE-USD"));
        Assert.Equal("DEFI", Map.ThemeOf("LINK-USD"));
        Assert.Null(Map.ThemeOf("XRP-USD"));
        Assert.Equal("tier1", Map.TierOf("BTC-USD")!.BaseSizeKey);
        Assert.Equal("tier2", Map.TierOf("LTC-USD")!.BaseSizeKey);
        Assert.Equal(40m, Map.TierOf("ETH-USD")!.MaxAllocationPct);
        Assert.Null(Map.TierOf("PEPE-USD"));
    }
}
