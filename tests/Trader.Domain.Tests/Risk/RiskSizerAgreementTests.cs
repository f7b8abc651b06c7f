using CsCheck;
using Trader.Domain.Config;
using Trader.Domain.Decisions;
using Trader.Domain.Risk;
using Trader.Domain.Sizing;
using Trader.Domain.Tests.Sizing;
using Trader.Domain.Tests.Support;

namespace Trader.Domain.Tests.Risk;

public sealed class RiskSizerAgreementTests
{
    [Fact]
    [Trait("Req", "REQ-X3")]
    public void Property_near_min_notional_risk_approves_exactly_what_the_sizer_accepts_with_the_same_size()
    {
        // NAV large enough that only position_sizing.max_order_usd (= the generated cap) binds; the entry's
        // notional_pct is chosen so that it requests exactly the generated target.
        const decimal nav = 100_000_000m;
        int accepted = 0, rejected = 0;
        OrderSizerTests.NearMinimum.Sample(c =>
        {
            var policy = new PolicyConfig();
            policy = policy with
            {
                Execution = policy.Execution with
                {
                    MakerFeeBps = c.FeeBps, TakerFeeBps = c.FeeBps,
                    DefaultOrderType = c.Role == LiquidityRole.Maker ? "limit_post_only" : "market_ioc",
                },
                PositionSizing = policy.PositionSizing with { MaxOrderUsd = c.Cap },
                Liquidity = policy.Liquidity with { MaxSpreadBps = 10_000m },
            };
            var config = new TraderConfig { Policy = policy };
            var view = Snap.View("SOL-USD", c.Price, spreadBps: 0m, info: c.Info with { ProductId = "SOL-USD" });
            var snapshot = Snap.Snapshot(markets: [view], portfolio: Trader.Domain.Portfolio.PortfolioState.AllCash(nav));
            var engine = new DecisionEngine(config);

            var outcome = Snap.Risk(config).Evaluate(snapshot, Snap.Chop, [], [Snap.Entry("SOL-USD", c.Target / nav * 100m)]);
            var sized = engine.Sizer.SizeBuy(view.Info, c.Target, c.Cap, c.Price, c.Role);

            if (sized.Order is { } expected)
            {
                var approved = Assert.Single(outcome.Entries);
                Assert.Equal(expected, approved.Order);
                Interlocked.Increment(ref accepted);
            }
            else
            {
                Assert.Empty(outcome.Entries);
                Assert.Contains(Assert.Single(outcome.Rejections).ReasonCode, new[] { ReasonCodes.BelowMinNotional, ReasonCodes.NoCapacity });
                Interlocked.Increment(ref rejected);
            }
        }, iter: 1500);

        Assert.True(accepted > 100 && rejected > 100, $"{accepted} accepted, {rejected} rejected: both sides of the edge are exercised");
    }
}
