using CsCheck;
using Trader.Domain.Config;
using Trader.Domain.Decisions;
using Trader.Domain.Portfolio;
using Trader.Domain.Regime;
using Trader.Domain.Risk;
using Trader.Domain.Rules;
using Trader.Domain.Tests.Support;
using Trader.Domain.Trading;
using Trader.Domain.Triggers;
using Trader.Domain.Universe;

namespace Trader.Domain.Tests.Rules;

public sealed class RulesEngineTests
{
    private static readonly TraderConfig Config = Snap.Config();
    private static readonly UniverseMap Map = new(Config.Universe, Config.Policy);
    private static readonly RegimeAssessment Chop = new(MarketRegime.Chop, 1m, "test");

    private static EligibleUniverse Universe() =>
        UniverseBuilder.Build(Map, Snap.DefaultMarkets().ToDictionary(v => v.ProductId), Config.Universe);

    private static TriggerSignal Signal(string productId, decimal strength, decimal confidence, TriggerKind kind = TriggerKind.PriceMove) =>
        new(productId, kind, TriggerDirection.Up, strength, confidence, 100m, "test");

    [Fact]
    [Trait("Req", "REQ-R2")]
    public void Proposals_carry_every_field_within_bounds_with_the_tier_base_size()
    {
        var strategy = Config.Policy.Strategy with { MaxNewPositionsPerCycle = 5 };
        var policy = Config.Policy with { Strategy = strategy };
        var outcome = RulesEngine.ProposeEntries(
            [Signal("SOL-USD", 0.8m, 0.85m), Signal("DOGE-USD", 0.7m, 0.8m, TriggerKind.Breakout)],
            Universe(), Chop, PortfolioState.AllCash(10_000m), [], policy);

        Assert.Empty(outcome.Rejections);
        Assert.Equal(2, outcome.Proposals.Count);
        var sol = outcome.Proposals[0];
        Assert.Equal(("SOL-USD", OrderSide.Buy, ProposalKind.Entry), (sol.ProductId, sol.Side, sol.Kind));
        Assert.Equal(3m, sol.NotionalPct);                     // tier1 0.03 of NAV
        Assert.Equal(2m, outcome.Proposals[1].NotionalPct);    // tier2 0.02 of NAV
        Assert.Equal(10m, sol.StopLossPct);
        Assert.Equal(12m, sol.TakeProfitPct);
        Assert.Equal(0.5m * 0.8m + 0.3m * 0.85m, sol.Conviction);
        Assert.InRange(sol.Conviction, 0m, 1m);
        Assert.NotNull(sol.Trigger);
        Assert.False(string.IsNullOrWhiteSpace(sol.Reason));
        Assert.Equal(TimeSpan.FromHours(24), sol.MaxHold);
        Assert.Equal(TimeSpan.FromHours(48), outcome.Proposals[1].MaxHold);
    }

    [Fact]
    [Trait("Req", "REQ-R2")]
    public void Conviction_is_clamped_and_below_min_conviction_nothing_is_proposed()
    {
        var heavy = new ConvictionWeights { Base = 0.9m, TriggerStrength = 0.5m, TriggerConfidence = 0.3m };
        Assert.Equal(1m, RulesEngine.Conviction(Signal("X", 1m, 1m), heavy));
        Assert.Equal(0m, RulesEngine.Conviction(Signal("X", 0.1m, 0.1m), new ConvictionWeights { Base = -1m }));

        var strict = Config.Policy with { Strategy = Config.Policy.Strategy with { MinConvictionToPropose = 0.7m } };
        var outcome = RulesEngine.ProposeEntries([Signal("SOL-USD", 0.8m, 0.85m)], Universe(), Chop, PortfolioState.AllCash(10_000m), [], strict);
        Assert.Empty(outcome.Proposals);
        var rejection = Assert.Single(outcome.Rejections);
        Assert.Equal(ReasonCodes.LowConviction, rejection.ReasonCode);
        Assert.Contains("0.655", rejection.Detail);
    }

    [Fact]
    [Trait("Req", "REQ-R2")]
    public void At_most_max_new_positions_per_cycle_are_proposed_strongest_first()
    {
        var outcome = RulesEngine.ProposeEntries(
            [Signal("SOL-USD", 0.8m, 0.85m), Signal("ETH-USD", 0.7m, 0.8m), Signal("BTC-USD", 0.6m, 0.7m)],
            Universe(), Chop, PortfolioState.AllCash(10_000m), [], Config.Policy);
        Assert.Equal("SOL-USD", Assert.Single(outcome.Proposals).ProductId);
    }

    [Fact]
    [Trait("Req", "REQ-E2")]
    public void A_product_with_a_buy_already_working_gets_no_second_entry_and_the_slot_goes_to_the_next()
    {
        var working = new[] { new WorkingOrder("SOL-USD", OrderSide.Buy, 1m, 99m) };
        var outcome = RulesEngine.ProposeEntries(
            [Signal("SOL-USD", 0.8m, 0.85m), Signal("ETH-USD", 0.7m, 0.8m)],
            Universe(), Chop, PortfolioState.AllCash(10_000m), working, Config.Policy);
        Assert.Equal("ETH-USD", Assert.Single(outcome.Proposals).ProductId);
        Assert.Empty(outcome.Rejections);
    }

    [Theory]
    [InlineData(88, 0, ExitReason.StopLoss)]       // −12 % ≤ −10 %
    [InlineData(113, 0, ExitReason.TakeProfit)]    // +13 % ≥ 12 %
    [InlineData(101, 49, ExitReason.MaxHold)]      // held 49 h ≥ 48 h
    public void Open_positions_are_exited_on_stop_loss_take_profit_or_max_hold(int price, int hoursHeld, ExitReason reason)
    {
        var position = new Position("SOL-USD", 3m, 100m, Snap.T0.AddHours(-hoursHeld), MaxHold: TimeSpan.FromHours(48));
        var snapshot = Snap.Snapshot(markets: [Snap.View("SOL-USD", price)],
            portfolio: new PortfolioState(9_700m, [position], 10_000m, 10_000m, 10_000m, 10_000m));

        var exit = Assert.Single(RulesEngine.ProposeExits(snapshot, Config.Policy));
        Assert.Equal((OrderSide.Sell, ProposalKind.Exit, 3m, reason), (exit.Side, exit.Kind, exit.BaseSize!.Value, exit.ExitReason!.Value));

        var quiet = snapshot with { Markets = new Dictionary<string, Trader.Domain.Market.ProductMarketView> { ["SOL-USD"] = Snap.View("SOL-USD", 101m) } };
        Assert.Equal(reason == ExitReason.MaxHold ? 1 : 0, RulesEngine.ProposeExits(quiet, Config.Policy).Count);
    }

    [Fact]
    [Trait("Req", "REQ-R2")]
    public void Stop_loss_and_take_profit_proven_out_of_reach_without_the_division_exit_exactly_as_the_divided_pnl_says()
    {
        // ProposeExits divides a position's PnL out only when a floating-point bound cannot prove it inside both
        // bands: the exits must be those of the exact PnL with the bands placed at, just under and just over it.
        Gen.Select(Gen.Int[1, 2_000_000_000], Gen.Int[0, 8], Gen.Int[-300, 300], Gen.Int[0, 6], Gen.Int[-3, 3], Gen.Bool)
            .Sample((units, scale, move, digits, nudge, onStop) =>
            {
                var avgCost = units / Decimals.Pow10(scale);
                var view = Snap.View("SOL-USD", avgCost + move * avgCost / 1000m);
                if (MarkPrice.Of(view) is not { } mark || 1_000m * mark < Config.Policy.Risk.MinTradeNotionalUsd) return; // dust is never exited
                var pnlPct = (mark / avgCost - 1m) * 100m;
                var band = Math.Round(Math.Abs(pnlPct), digits) + nudge / Decimals.Pow10(digits + 6);
                if (band <= 0m) return;
                var (stop, take) = onStop ? (band, band * 2m) : (band * 2m, band);
                var position = new Position("SOL-USD", 1_000m, avgCost, Snap.T0, stop, take);
                var snapshot = Snap.Snapshot(markets: [view], portfolio: new PortfolioState(0m, [position], 10_000m, 10_000m, 10_000m, 10_000m));

                ExitReason? expected = pnlPct <= -stop ? ExitReason.StopLoss : pnlPct >= take ? ExitReason.TakeProfit : null;
                Assert.Equal(expected, RulesEngine.ProposeExits(snapshot, Config.Policy).SingleOrDefault()?.ExitReason);
            }, iter: 20_000);
    }

    [Fact]
    public void A_blocked_exit_is_proposed_again_every_cycle_and_goes_out_once_the_gate_clears()
    {
        var engine = new DecisionEngine(Config);
        var position = new Position("SOL-USD", 3m, 100m, Snap.T0.AddDays(-1));
        var portfolio = new PortfolioState(9_700m, [position], 10_000m, 10_000m, 10_000m, 10_000m);
        var stale = Snap.Snapshot(markets: [Snap.View("SOL-USD", 85m, quoteStale: true)], portfolio: portfolio);

        for (var cycle = 0; cycle < 3; cycle++)
        {
            var blocked = engine.Decide(stale with { CycleId = cycle, Now = Snap.T0.AddMinutes(cycle) });
            Assert.Empty(blocked.Exits);
            var rejection = Assert.Single(blocked.Rejections);
            Assert.Equal((ProposalKind.Exit, ReasonCodes.StaleQuote), (rejection.Kind, rejection.ReasonCode));
        }

        var fresh = engine.Decide(Snap.Snapshot(markets: [Snap.View("SOL-USD", 85m)], portfolio: portfolio, now: Snap.T0.AddMinutes(3)));
        Assert.Equal("stop_loss", Assert.Single(fresh.Exits).Proposal.ExitReasonName);

        // Once a sell for the whole position is working, it is not proposed again.
        var working = Snap.Snapshot(markets: [Snap.View("SOL-USD", 85m)], portfolio: portfolio,
            working: [new WorkingOrder("SOL-USD", OrderSide.Sell, 3m, 85m)]);
        Assert.Empty(engine.Decide(working).Exits);
    }
}
