using CsCheck;
using Trader.Domain.Decisions;
using Trader.Domain.Portfolio;
using Trader.Domain.Risk;
using Trader.Domain.Rules;
using Trader.Domain.Tests.Support;
using Trader.Domain.Trading;
using Trader.Domain.Triggers;

namespace Trader.Domain.Tests.Rules;

public sealed class LongOnlyTests
{
    private static readonly Trader.Domain.Config.TraderConfig Config = Snap.Config(risk: r => r with { MinSecondsBetweenTrades = 0m });

    [Fact]
    [Trait("Req", "REQ-R1")]
    public void Short_or_negative_proposals_are_rejected_short_not_allowed()
    {
        var held = new PortfolioState(9_800m, [new Position("SOL-USD", 2m, 100m, Snap.T0)], 10_000m, 10_000m, 10_000m, 10_000m);
        var snapshot = Snap.Snapshot(portfolio: held, working: [new WorkingOrder("SOL-USD", OrderSide.Sell, 0.5m, 101m)]);
        var proposals = new[]
        {
            Snap.Exit("ETH-USD", 1m),                                   // nothing held
            Snap.Exit("SOL-USD", 1.6m),                                 // 2 held − 0.5 already being sold = 1.5
            Snap.Exit("SOL-USD", -1m),                                  // negative quantity
            Snap.Entry("BTC-USD", 3m) with { Side = OrderSide.Sell },   // a sell entry is a short
            Snap.Entry("BTC-USD", -3m),                                 // negative notional
        };

        var outcome = Snap.Risk(Config).Evaluate(snapshot, Snap.Chop, proposals.Where(p => p.Kind == ProposalKind.Exit).ToList(),
            proposals.Where(p => p.Kind == ProposalKind.Entry).ToList());

        Assert.Empty(outcome.Exits);
        Assert.Empty(outcome.Entries);
        Assert.Equal(5, outcome.Rejections.Count);
        Assert.All(outcome.Rejections, r => Assert.Equal(ReasonCodes.ShortNotAllowed, r.ReasonCode));

        var fits = Snap.Risk(Config).Evaluate(snapshot, Snap.Chop, [Snap.Exit("SOL-USD", 1.5m)], []);
        Assert.Equal(1.5m, Assert.Single(fits.Exits).Order.BaseSize);
    }

    [Fact]
    [Trait("Req", "REQ-R1")]
    public void A_falling_trigger_on_a_product_not_held_is_refused_not_turned_into_a_sell()
    {
        var indicators = new Dictionary<string, IndicatorReading> { ["SOL-USD"] = Snap.Reading(100m, change15m: -2m, change60m: -3m) };
        var decision = new DecisionEngine(Config).Decide(Snap.Snapshot(indicators: indicators));

        var trigger = Assert.Single(decision.Triggers);
        Assert.Equal(TriggerDirection.Down, trigger.Direction);
        Assert.Empty(decision.Entries);
        Assert.Empty(decision.Exits);
        Assert.Equal(ReasonCodes.ShortNotAllowed, Assert.Single(decision.Rejections).ReasonCode);
    }

    private static readonly string[] Products = ["BTC-USD", "ETH-USD", "SOL-USD", "DOGE-USD", "LINK-USD"];
    private static readonly decimal[] Prices = [50_000m, 3_000m, 100m, 0.1m, 15m];

    [Fact]
    [Trait("Req", "REQ-R1")]
    public void Property_no_decision_ever_sells_more_than_is_held_over_random_portfolios_and_signals()
    {
        var gen =
            from positions in Gen.Select(Gen.Int[0, 4], Gen.Int[1, 900], Gen.Int[50, 150]).Array[0, 5]
            from sells in Gen.Select(Gen.Int[0, 4], Gen.Int[1, 900]).Array[0, 3]
            from moves in Gen.Select(Gen.Int[0, 4], Gen.Int[-600, 600], Gen.Int[-900, 900]).Array[0, 5]
            from hoursHeld in Gen.Int[0, 100]
            from rogue in Gen.Select(Gen.Int[0, 4], Gen.Int[-200, 900]).Array[0, 3]
            select (positions, sells, moves, hoursHeld, rogue);

        var engine = new DecisionEngine(Config);
        var risk = Snap.Risk(Config);
        gen.Sample(g =>
        {
            var held = g.positions.GroupBy(p => p.Item1).Select(grp =>
            {
                var (i, usd, costPct) = grp.First();
                return new Position(Products[i], usd / Prices[i], Prices[i] * costPct / 100m, Snap.T0.AddHours(-g.hoursHeld),
                    MaxHold: TimeSpan.FromHours(48));
            }).ToList();
            var portfolio = new PortfolioState(5_000m, held, 10_000m, 10_000m, 10_000m, 10_000m);
            var working = g.sells.Select(s => new WorkingOrder(Products[s.Item1], OrderSide.Sell, s.Item2 / Prices[s.Item1], Prices[s.Item1])).ToList();
            var indicators = g.moves.GroupBy(m => m.Item1).ToDictionary(m => Products[m.Key],
                m => Snap.Reading(Prices[m.Key], m.First().Item2 / 100m, m.First().Item3 / 100m));
            var snapshot = Snap.Snapshot(portfolio: portfolio, working: working, indicators: indicators);

            var decision = engine.Decide(snapshot);
            var rogueExits = g.rogue.Select(r => Snap.Exit(Products[r.Item1], r.Item2 / Prices[r.Item1] / 100m)).ToList();
            var direct = risk.Evaluate(snapshot, Snap.Chop, rogueExits, []);

            foreach (var sell in decision.Exits.Concat(decision.Entries).Concat(direct.Exits).Select(a => a.Order).Where(o => o.Side == OrderSide.Sell))
            {
                var size = portfolio.PositionOf(sell.ProductId)?.Size ?? 0m;
                var pending = working.Where(w => w.ProductId == sell.ProductId).Sum(w => w.RemainingSize);
                Assert.True(sell.BaseSize > 0m && sell.BaseSize <= size - pending, $"sell {sell.BaseSize} of {sell.ProductId} with {size} held, {pending} pending");
            }
            Assert.All(decision.Entries, e => Assert.Equal(OrderSide.Buy, e.Order.Side));
        }, iter: 400);
    }
}
