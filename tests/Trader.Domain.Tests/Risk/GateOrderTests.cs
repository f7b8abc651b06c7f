using Trader.Domain.Market;
using Trader.Domain.Portfolio;
using Trader.Domain.Risk;
using Trader.Domain.Tests.Support;
using Trader.Domain.Trading;

namespace Trader.Domain.Tests.Risk;

public sealed class GateOrderTests
{
    private static readonly Trader.Domain.Config.TraderConfig Config = Snap.Config();

    private static readonly PortfolioState HoldingSol =
        new(9_800m, [new Position("SOL-USD", 2m, 150m, Snap.T0.AddDays(-1))], 10_000m, 10_000m, 10_000m, 10_000m);

    private static RiskOutcome Run(Trader.Domain.Market.ProductMarketView sol, SafetyState? safety = null) =>
        Snap.Risk(Config).Evaluate(
            Snap.Snapshot(markets: [sol, Snap.View("ETH-USD", 3_000m)], portfolio: HoldingSol, safety: safety),
            Snap.Chop, [Snap.Exit("SOL-USD", 2m)], [Snap.Entry("SOL-USD", 1m)]);

    [Theory]
    [Trait("Req", "NFR-S1")]
    [InlineData(true, false, ReasonCodes.StaleQuote)]
    [InlineData(false, true, ReasonCodes.StaleOhlcv)]
    [InlineData(true, true, ReasonCodes.StaleQuote)]
    public void Stale_data_blocks_entries_and_exits_of_that_product(bool quoteStale, bool ohlcvStale, string code)
    {
        var outcome = Run(Snap.View("SOL-USD", 100m, quoteStale: quoteStale, ohlcvStale: ohlcvStale));
        Assert.Empty(outcome.Entries);
        Assert.Empty(outcome.Exits);
        Assert.All(outcome.Rejections, r => Assert.Equal(code, r.ReasonCode));
        Assert.Equal(2, outcome.Rejections.Count);
    }

    [Fact]
    [Trait("Req", "NFR-S1")]
    public void A_product_that_is_not_online_blocks_entries_and_a_cancel_only_one_blocks_exits()
    {
        var cancelOnly = Run(Snap.View("SOL-USD", 100m, health: new ProductHealth(ProductStatus.CancelOnly, "halted")));
        Assert.All(cancelOnly.Rejections, r => Assert.Equal(ReasonCodes.ProductUnhealthy, r.ReasonCode));
        Assert.Equal(2, cancelOnly.Rejections.Count);

        var postOnly = Run(Snap.View("SOL-USD", 100m, health: new ProductHealth(ProductStatus.PostOnly, null)));
        Assert.Single(postOnly.Exits);
        Assert.Equal(ReasonCodes.ProductUnhealthy, Assert.Single(postOnly.Rejections).ReasonCode);
    }

    [Fact]
    [Trait("Req", "NFR-S1")]
    public void An_outlier_flag_or_a_spread_over_the_tier_limit_is_rejected_with_its_code()
    {
        var outlier = Run(Snap.View("SOL-USD", 100m), SafetyState.Clear with { OutlierProducts = new HashSet<string> { "SOL-USD" } });
        Assert.All(outlier.Rejections, r => Assert.Equal(ReasonCodes.Outlier, r.ReasonCode));
        Assert.Equal(2, outlier.Rejections.Count);

        var wide = Run(Snap.View("SOL-USD", 100m, spreadBps: 25m)); // tier 1 limit 20 bps
        Assert.All(wide.Rejections, r => Assert.Equal(ReasonCodes.WideSpread, r.ReasonCode));

        var inside = Run(Snap.View("SOL-USD", 100m, spreadBps: 19m));
        Assert.Single(inside.Exits);
    }

    [Fact]
    [Trait("Req", "NFR-S1")]
    public void Checks_run_in_the_documented_order_the_first_failing_one_names_the_rejection()
    {
        // Everything wrong at once: the kill switch wins, then drawdown, then health, then staleness.
        var sol = Snap.View("SOL-USD", 100m, spreadBps: 50m, quoteStale: true, ohlcvStale: true,
            health: new ProductHealth(ProductStatus.Offline, null));
        var all = SafetyState.Clear with { KillSwitchActive = true, DrawdownHaltLatched = true, OutlierProducts = new HashSet<string> { "SOL-USD" } };
        Assert.All(Run(sol, all).Rejections, r => Assert.Equal(ReasonCodes.KillSwitch, r.ReasonCode));
        Assert.All(Run(sol, all with { KillSwitchActive = false }).Rejections, r => Assert.Equal(ReasonCodes.MaxDrawdown, r.ReasonCode));
        var healthOnly = all with { KillSwitchActive = false, DrawdownHaltLatched = false };
        Assert.All(Run(sol, healthOnly).Rejections, r => Assert.Equal(ReasonCodes.ProductUnhealthy, r.ReasonCode));
        Assert.All(Run(sol with { Health = ProductHealth.Online }, healthOnly).Rejections, r => Assert.Equal(ReasonCodes.StaleQuote, r.ReasonCode));
    }

    [Fact]
    public void Entry_only_checks_run_in_order_open_positions_then_spacing_then_frequency_then_cooldown_then_caps()
    {
        var config = Snap.Config(risk: r => r with { MaxOpenPositions = 1 });
        var risk = Snap.Risk(config);
        var cooldown = Cooldown.AfterFill("ETH-USD", Snap.T0.AddMinutes(-1), config.Policy.Risk);
        var recent = new TradeRecord("SOL-USD", OrderSide.Buy, Snap.T0.AddSeconds(-30));
        var held = HoldingSol;

        var snapshot = Snap.Snapshot(portfolio: held, cooldowns: [cooldown], trades: [recent]);
        Assert.Equal(ReasonCodes.MaxOpenPositions, Assert.Single(risk.Evaluate(snapshot, Snap.Chop, [], [Snap.Entry("ETH-USD", 1m)]).Rejections).ReasonCode);

        var unlimited = Snap.Risk(Snap.Config());
        Assert.Equal(ReasonCodes.TradeSpacing, Assert.Single(unlimited.Evaluate(snapshot, Snap.Chop, [], [Snap.Entry("ETH-USD", 1m)]).Rejections).ReasonCode);

        var perSymbol = Snap.Snapshot(trades: [recent with { At = Snap.T0.AddSeconds(-600) }]);
        Assert.Equal(ReasonCodes.TradeSpacing, Assert.Single(unlimited.Evaluate(perSymbol, Snap.Chop, [], [Snap.Entry("SOL-USD", 1m)]).Rejections).ReasonCode);
        Assert.Single(unlimited.Evaluate(perSymbol, Snap.Chop, [], [Snap.Entry("ETH-USD", 1m)]).Entries);

        var busyHour = Enumerable.Range(1, 5).Select(i => new TradeRecord("BTC-USD", OrderSide.Buy, Snap.T0.AddMinutes(-10 * i))).ToList();
        var busy = Snap.Snapshot(trades: busyHour, cooldowns: [cooldown]);
        Assert.Equal(ReasonCodes.TradeFrequency, Assert.Single(unlimited.Evaluate(busy, Snap.Chop, [], [Snap.Entry("ETH-USD", 1m)]).Rejections).ReasonCode);

        var busyDay = Snap.Config(risk: r => r with { MaxTradesPerDay = 5, MaxTradesPerHour = 100 });
        var dayTrades = Enumerable.Range(1, 5).Select(i => new TradeRecord("BTC-USD", OrderSide.Buy, Snap.T0.AddHours(-3 * i))).ToList();
        Assert.Equal(ReasonCodes.TradeFrequency,
            Assert.Single(Snap.Risk(busyDay).Evaluate(Snap.Snapshot(trades: dayTrades), Snap.Chop, [], [Snap.Entry("ETH-USD", 1m)]).Rejections).ReasonCode);

        var cooling = Snap.Snapshot(cooldowns: [cooldown], working: [new WorkingOrder("ETH-USD", OrderSide.Buy, 1m, 3_000m)]);
        Assert.Equal(ReasonCodes.Cooldown, Assert.Single(unlimited.Evaluate(cooling, Snap.Chop, [], [Snap.Entry("ETH-USD", 1m)]).Rejections).ReasonCode);
    }

    [Fact]
    [Trait("Req", "REQ-E1")]
    public void Caps_cooldowns_spacing_and_frequency_never_block_an_exit()
    {
        var config = Snap.Config(risk: r => r with { MaxOpenPositions = 0, MaxTradesPerHour = 0, MaxTradesPerDay = 0 });
        var snapshot = Snap.Snapshot(
            portfolio: HoldingSol,
            working: [new WorkingOrder("ETH-USD", OrderSide.Buy, 10m, 3_000m)], // 30,000: every cap far exceeded
            cooldowns: [Cooldown.AfterStop("SOL-USD", Snap.T0, config.Policy.Risk)],
            trades: [new TradeRecord("SOL-USD", OrderSide.Buy, Snap.T0.AddSeconds(-1))]);

        var outcome = Snap.Risk(config).Evaluate(snapshot, Snap.Chop, [Snap.Exit("SOL-USD", 2m)], []);

        var exit = Assert.Single(outcome.Exits);
        Assert.Equal(2m, exit.Order.BaseSize);
        Assert.Equal(OrderSide.Sell, exit.Order.Side);
    }
}
