using CsCheck;
using Trader.Domain.Config;
using Trader.Domain.Portfolio;
using Trader.Domain.Regime;
using Trader.Domain.Risk;
using Trader.Domain.Rules;
using Trader.Domain.Tests.Support;
using Trader.Domain.Trading;
using Trader.Domain.Universe;

namespace Trader.Domain.Tests.Risk;

public sealed class ExposureCapTests
{
    // Defaults, NAV 10,000: total 15 % = 1,500; per asset 5 % = 500; LAYER1 theme 10 % = 1,000; tier 1 40 % = 4,000.
    private static readonly TraderConfig Config = Snap.Config();

    private static Rejection SingleRejection(RiskOutcome outcome)
    {
        Assert.Empty(outcome.Entries);
        return Assert.Single(outcome.Rejections);
    }

    [Fact]
    [Trait("Req", "REQ-U2")]
    public void Proposed_plus_pending_over_the_theme_cap_is_rejected_theme_cap()
    {
        // ETH and BTC working buys fill LAYER1 (1,000) without reaching the total (1,500) or SOL's own cap.
        var working = new[]
        {
            new WorkingOrder("ETH-USD", OrderSide.Buy, 0.15m, 3_000m),  // 450
            new WorkingOrder("BTC-USD", OrderSide.Buy, 0.011m, 50_000m), // 550
        };
        var outcome = Snap.Risk(Config).Evaluate(Snap.Snapshot(working: working), Snap.Chop, [], [Snap.Entry("SOL-USD", 3m)]);

        var rejection = SingleRejection(outcome);
        Assert.Equal(ReasonCodes.ThemeCap, rejection.ReasonCode);
        Assert.Contains("LAYER1", rejection.Detail);
    }

    [Fact]
    [Trait("Req", "REQ-U2")]
    public void A_theme_with_room_below_the_proposal_resizes_it_down_to_the_room_never_over()
    {
        var working = new[] { new WorkingOrder("ETH-USD", OrderSide.Buy, 0.25m, 3_000m) }; // 750 of LAYER1's 1,000
        var outcome = Snap.Risk(Config).Evaluate(Snap.Snapshot(working: working), Snap.Chop, [], [Snap.Entry("SOL-USD", 3m)]);

        var approved = Assert.Single(outcome.Entries);
        Assert.True(approved.Resized);
        Assert.True(approved.Order.Notional <= 250m, $"{approved.Order.Notional} exceeds the 250 left in LAYER1");
        Assert.True(approved.Order.Notional > 249m);
        Assert.Contains("max_per_theme_pct.LAYER1", approved.Detail);
    }

    [Fact]
    [Trait("Req", "REQ-E1")]
    public void Each_cap_rejects_with_its_own_code()
    {
        var risk = Snap.Risk(Config);

        // Per asset: a 500 SOL position fills SOL's 5 %.
        var held = new PortfolioState(9_500m, [new Position("SOL-USD", 5m, 100m, Snap.T0)], 10_000m, 10_000m, 10_000m, 10_000m);
        Assert.Equal(ReasonCodes.PositionSizeTooLarge,
            SingleRejection(risk.Evaluate(Snap.Snapshot(portfolio: held), Snap.Chop, [], [Snap.Entry("SOL-USD", 3m)])).ReasonCode);

        // Total: 1,500 at risk across tiers and themes.
        var full = new[]
        {
            new WorkingOrder("DOGE-USD", OrderSide.Buy, 5_000m, 0.1m),
            new WorkingOrder("LINK-USD", OrderSide.Buy, 33.34m, 15m),
            new WorkingOrder("BTC-USD", OrderSide.Buy, 0.01m, 50_000m),
        };
        Assert.Equal(ReasonCodes.MaxTotalAtRiskPct,
            SingleRejection(risk.Evaluate(Snap.Snapshot(working: full), Snap.Chop, [], [Snap.Entry("ETH-USD", 3m)])).ReasonCode);

        // Tier: tier_2 capped at 1 % for the test; DOGE (MEME) pending fills it, LINK (DEFI, tier 2) is refused.
        var tierConfig = Config with
        {
            Universe = Config.Universe with
            {
                Tiers = UniverseConfig.DefaultTiers().ToDictionary(kv => kv.Key, kv => kv.Key == "tier_2_rotational"
                    ? kv.Value with { Constraints = kv.Value.Constraints with { MaxAllocationPct = 1m } }
                    : kv.Value),
            },
        };
        var doge = new[] { new WorkingOrder("DOGE-USD", OrderSide.Buy, 1_000m, 0.1m) }; // 100 = 1 % of NAV
        Assert.Equal(ReasonCodes.TierCap,
            SingleRejection(Snap.Risk(tierConfig).Evaluate(Snap.Snapshot(working: doge), Snap.Chop, [], [Snap.Entry("LINK-USD", 2m)])).ReasonCode);
    }

    [Fact]
    [Trait("Req", "REQ-E1")]
    public void Room_under_a_cap_smaller_than_the_minimum_notional_is_no_capacity()
    {
        var working = new[] { new WorkingOrder("SOL-USD", OrderSide.Buy, 4.97m, 100m) }; // 497 of 500: 3 left < min 5
        var rejection = SingleRejection(Snap.Risk(Config).Evaluate(Snap.Snapshot(working: working), Snap.Chop, [], [Snap.Entry("SOL-USD", 3m)]));
        Assert.Equal(ReasonCodes.NoCapacity, rejection.ReasonCode);
    }

    [Fact]
    [Trait("Req", "REQ-E2")]
    public void A_working_order_that_fills_a_cap_blocks_further_proposals_for_that_asset_theme_and_total()
    {
        var risk = Snap.Risk(Config);
        var asset = new[] { new WorkingOrder("SOL-USD", OrderSide.Buy, 5m, 100m) };
        Assert.Equal(ReasonCodes.PositionSizeTooLarge,
            SingleRejection(risk.Evaluate(Snap.Snapshot(working: asset), Snap.Chop, [], [Snap.Entry("SOL-USD", 1m)])).ReasonCode);

        var theme = new[] { new WorkingOrder("ETH-USD", OrderSide.Buy, 0.34m, 3_000m) }; // 1,020 ≥ LAYER1 1,000
        Assert.Equal(ReasonCodes.ThemeCap,
            SingleRejection(risk.Evaluate(Snap.Snapshot(working: theme), Snap.Chop, [], [Snap.Entry("BTC-USD", 1m)])).ReasonCode);

        var total = new[]
        {
            new WorkingOrder("DOGE-USD", OrderSide.Buy, 6_000m, 0.1m), new WorkingOrder("LINK-USD", OrderSide.Buy, 40m, 15m),
            new WorkingOrder("ETH-USD", OrderSide.Buy, 0.1m, 3_000m),
        };
        Assert.Equal(ReasonCodes.MaxTotalAtRiskPct,
            SingleRejection(risk.Evaluate(Snap.Snapshot(working: total), Snap.Chop, [], [Snap.Entry("SOL-USD", 1m)])).ReasonCode);

        // The same entries go through once the working orders are gone.
        Assert.Single(risk.Evaluate(Snap.Snapshot(), Snap.Chop, [], [Snap.Entry("SOL-USD", 1m)]).Entries);
    }

    [Fact]
    [Trait("Req", "REQ-E2")]
    public void Approvals_within_one_cycle_count_against_the_caps_of_the_next_proposal()
    {
        var config = Snap.Config(risk: r => r with { MinSecondsBetweenTrades = 0m });
        var outcome = Snap.Risk(config).Evaluate(Snap.Snapshot(), Snap.Chop, [],
            [Snap.Entry("BTC-USD", 5m), Snap.Entry("ETH-USD", 5m), Snap.Entry("SOL-USD", 5m)]);

        // 500 + 500 fill LAYER1's 1,000 (to within the rounding of the sizes): no room left for SOL.
        Assert.Equal(2, outcome.Entries.Count);
        var rejection = Assert.Single(outcome.Rejections);
        Assert.Equal("SOL-USD", rejection.ProductId);
        Assert.Equal(ReasonCodes.NoCapacity, rejection.ReasonCode);
        Assert.Contains("max_per_theme_pct.LAYER1", rejection.Detail);
    }

    private static readonly string[] Products = ["BTC-USD", "ETH-USD", "SOL-USD", "DOGE-USD", "LINK-USD"];

    private static readonly Gen<(PortfolioState Portfolio, WorkingOrder[] Working, TradeProposal[] Entries, RegimeAssessment Regime)> Scenario =
        from positions in Gen.Select(Gen.Int[0, 4], Gen.Int[0, 800]).Array[0, 4]
        from working in Gen.Select(Gen.Int[0, 4], Gen.Int[1, 800]).Array[0, 5]
        from entries in Gen.Select(Gen.Int[0, 4], Gen.Int[1, 800]).Array[1, 6]
        from regime in Gen.Int[0, 3]
        select (
            new PortfolioState(10_000m,
                positions.GroupBy(p => p.Item1).Select(g => new Position(Products[g.Key], g.Sum(p => p.Item2) / Price(Products[g.Key]), Price(Products[g.Key]), Snap.T0)).ToList(),
                10_000m, 10_000m, 10_000m, 10_000m),
            working.Select(w => new WorkingOrder(Products[w.Item1], OrderSide.Buy, w.Item2 / Price(Products[w.Item1]), Price(Products[w.Item1]) * 1.01m)).ToArray(),
            entries.Select(e => Snap.Entry(Products[e.Item1], e.Item2 / 100m)).ToArray(),
            new RegimeAssessment((MarketRegime)regime, RegimeClassifier.DefaultMultiplier((MarketRegime)regime), "gen"));

    private static decimal Price(string productId) => productId switch
    {
        "BTC-USD" => 50_000m, "ETH-USD" => 3_000m, "SOL-USD" => 100m, "DOGE-USD" => 0.1m, _ => 15m,
    };

    [Fact]
    [Trait("Req", "REQ-E2")]
    [Trait("Req", "REQ-E1")]
    public void Property_no_approved_entry_ever_breaches_a_cap_counting_positions_working_orders_and_earlier_approvals()
    {
        var config = Snap.Config(risk: r => r with { MinSecondsBetweenTrades = 0m, PerSymbolTradeSpacingSeconds = 0m, MaxTradesPerHour = 100 });
        var map = new UniverseMap(config.Universe, config.Policy);
        var risk = Snap.Risk(config);
        int approvals = 0, capRejections = 0;
        Scenario.Sample(s =>
        {
            var snapshot = Snap.Snapshot(portfolio: s.Portfolio, working: s.Working);
            var outcome = risk.Evaluate(snapshot, s.Regime, [], s.Entries);
            Interlocked.Add(ref approvals, outcome.Entries.Count);
            Interlocked.Add(ref capRejections, outcome.Rejections.Count(r => r.ReasonCode is ReasonCodes.ThemeCap or ReasonCodes.TierCap
                or ReasonCodes.PositionSizeTooLarge or ReasonCodes.MaxTotalAtRiskPct or ReasonCodes.NoCapacity));

            // Recompute exposure independently, then add the approvals in order.
            var byProduct = Products.ToDictionary(p => p, _ => 0m);
            foreach (var p in s.Portfolio.Positions) byProduct[p.ProductId] += p.Size * snapshot.Markets[p.ProductId].Quote!.Value.Mid;
            foreach (var w in s.Working) byProduct[w.ProductId] += w.RemainingSize * w.WorstCasePrice;

            var m = s.Regime.Multiplier;
            foreach (var approved in outcome.Entries)
            {
                var id = approved.Order.ProductId;
                byProduct[id] += approved.Order.Notional;
                var theme = map.ThemeOf(id)!;
                var tier = map.TierOf(id)!;
                Assert.True(byProduct.Values.Sum() <= 15m * m * 100m, "total at risk");
                Assert.True(byProduct[id] <= 5m * m * 100m, $"asset {id}");
                Assert.True(byProduct.Where(kv => map.ThemeOf(kv.Key) == theme).Sum(kv => kv.Value) <= config.Policy.Risk.MaxPerThemePct[theme] * m * 100m, $"theme {theme}");
                Assert.True(byProduct.Where(kv => map.TierOf(kv.Key)?.Name == tier.Name).Sum(kv => kv.Value) <= tier.MaxAllocationPct * m * 100m, $"tier {tier.Name}");
                Assert.True(approved.Order.Notional <= approved.RequestedNotional || approved.RequestedNotional * 0.996m < 5.01m,
                    "resized only down, except a bump up to the minimum notional");
            }
            Assert.Equal(s.Entries.Length, outcome.Entries.Count + outcome.Rejections.Count);
        }, iter: 500);

        Assert.True(approvals > 100 && capRejections > 100, $"{approvals} approvals, {capRejections} cap rejections");
    }
}
