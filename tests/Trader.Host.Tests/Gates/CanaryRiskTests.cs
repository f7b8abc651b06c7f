using Trader.Domain.Config;
using Trader.Domain.Decisions;
using Trader.Domain.Market;
using Trader.Domain.Portfolio;
using Trader.Domain.Regime;
using Trader.Domain.Risk;
using Trader.Domain.Rules;
using Trader.Domain.Sizing;
using Trader.Domain.Trading;
using Trader.Domain.Triggers;
using Trader.Domain.Universe;
using Trader.Host.Gates;
using Trader.Testing;

namespace Trader.Host.Tests.Gates;

/// <summary>The canary config through the real risk engine: the ordinary checks enforce one tier-1 position at half the caps.</summary>
[Trait("Req", "REQ-M1")]
public sealed class CanaryRiskTests
{
    private static readonly DateTimeOffset T0 = VirtualTime.Epoch;
    private static readonly TraderConfig Normal = new();
    private static readonly TraderConfig Canary = CanaryPolicy.Apply(Normal, new CanaryState(T0, T0.AddHours(1)));
    private static readonly RegimeAssessment Chop = new(MarketRegime.Chop, 1.0m, "test");

    private static ProductMarketView View(string productId, decimal price)
    {
        var half = price * 2m / 20_000m;
        return new ProductMarketView(productId, new Quote(price - half, price + half, price, T0, T0), [], 50_000_000m,
            ProductInfo.DefaultUsd(productId), ProductHealth.Online, false, false);
    }

    private static DecisionSnapshot Snapshot(PortfolioState portfolio) => new(
        T0, 1,
        new[] { View("BTC-USD", 50_000m), View("ETH-USD", 3_000m), View("DOGE-USD", 0.1m) }.ToDictionary(v => v.ProductId, StringComparer.Ordinal),
        new Dictionary<string, IndicatorReading>(StringComparer.Ordinal), portfolio, [], [], [], SafetyState.Clear, RegimeReading.None);

    private static TradeProposal Entry(string productId, decimal notionalPct) =>
        new(productId, OrderSide.Buy, ProposalKind.Entry, notionalPct, 10m, 12m, 0.7m, null, "test entry", TimeSpan.FromHours(24));

    private static RiskOutcome Evaluate(TraderConfig config, PortfolioState portfolio, TradeProposal entry) =>
        new RiskEngine(config, new UniverseMap(config.Universe, config.Policy), OrderSizer.FromPolicy(config.Policy))
            .Evaluate(Snapshot(portfolio), Chop, [], [entry]);

    [Fact]
    public void A_tier_2_entry_that_normal_caps_allow_is_refused_during_the_canary()
    {
        Assert.Single(Evaluate(Normal, PortfolioState.AllCash(10_000m), Entry("DOGE-USD", 2m)).Entries);

        var canary = Evaluate(Canary, PortfolioState.AllCash(10_000m), Entry("DOGE-USD", 2m));
        Assert.Empty(canary.Entries);
        Assert.Contains(Assert.Single(canary.Rejections).ReasonCode, new[] { ReasonCodes.TierCap, ReasonCodes.NoCapacity });
    }

    [Fact]
    public void A_tier_1_entry_is_sized_to_half_the_position_cap()
    {
        var normal = Assert.Single(Evaluate(Normal, PortfolioState.AllCash(10_000m), Entry("BTC-USD", 5m)).Entries);
        var canary = Assert.Single(Evaluate(Canary, PortfolioState.AllCash(10_000m), Entry("BTC-USD", 5m)).Entries);
        Assert.True(normal.Order.Notional > 400m, $"normal {normal.Order.Notional}");
        Assert.True(canary.Order.Notional <= 250m, $"canary {canary.Order.Notional} above 2.5 % of 10,000");
    }

    [Fact]
    public void A_second_position_is_refused_while_one_is_open()
    {
        var holding = new PortfolioState(9_800m, [new Position("BTC-USD", 0.004m, 50_000m, T0)], 10_000m, 10_000m, 10_000m, 10_000m);
        Assert.Single(Evaluate(Normal, holding, Entry("ETH-USD", 2m)).Entries);

        var canary = Evaluate(Canary, holding, Entry("ETH-USD", 2m));
        Assert.Equal(ReasonCodes.MaxOpenPositions, Assert.Single(canary.Rejections).ReasonCode);
    }
}
