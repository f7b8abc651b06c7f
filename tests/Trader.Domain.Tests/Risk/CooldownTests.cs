using Trader.Domain.Decisions;
using Trader.Domain.Portfolio;
using Trader.Domain.Risk;
using Trader.Domain.Tests.Support;
using Trader.Domain.Triggers;

namespace Trader.Domain.Tests.Risk;

public sealed class CooldownTests
{
    private static readonly Trader.Domain.Config.TraderConfig Config = Snap.Config();

    [Fact]
    [Trait("Req", "REQ-CD1")]
    public void An_entry_within_the_fill_cooldown_is_rejected_cooldown_and_allowed_once_it_ends()
    {
        var risk = Snap.Risk(Config);
        var cooldown = Cooldown.AfterFill("SOL-USD", Snap.T0.AddMinutes(-59), Config.Policy.Risk); // 60 min
        Assert.Equal(Snap.T0.AddMinutes(1), cooldown.Until);

        var within = risk.Evaluate(Snap.Snapshot(cooldowns: [cooldown]), Snap.Chop, [], [Snap.Entry("SOL-USD", 3m)]);
        Assert.Equal(ReasonCodes.Cooldown, Assert.Single(within.Rejections).ReasonCode);

        var after = risk.Evaluate(Snap.Snapshot(cooldowns: [cooldown], now: Snap.T0.AddMinutes(1)), Snap.Chop, [], [Snap.Entry("SOL-USD", 3m)]);
        Assert.Single(after.Entries);

        var other = risk.Evaluate(Snap.Snapshot(cooldowns: [cooldown]), Snap.Chop, [], [Snap.Entry("ETH-USD", 3m)]);
        Assert.Single(other.Entries);
    }

    [Fact]
    [Trait("Req", "REQ-CD1")]
    public void An_entry_within_the_stop_cooldown_is_rejected_cooldown_after_stop_even_after_the_fill_cooldown_ends()
    {
        var risk = Snap.Risk(Config);
        var stoppedAt = Snap.T0.AddMinutes(-90);
        var cooldowns = new[]
        {
            Cooldown.AfterFill("SOL-USD", stoppedAt, Config.Policy.Risk), // ended 30 min ago
            Cooldown.AfterStop("SOL-USD", stoppedAt, Config.Policy.Risk), // 120 min: 30 left
        };

        var within = risk.Evaluate(Snap.Snapshot(cooldowns: cooldowns), Snap.Chop, [], [Snap.Entry("SOL-USD", 3m)]);
        Assert.Equal(ReasonCodes.CooldownAfterStop, Assert.Single(within.Rejections).ReasonCode);

        var after = risk.Evaluate(Snap.Snapshot(cooldowns: cooldowns, now: Snap.T0.AddMinutes(30)), Snap.Chop, [], [Snap.Entry("SOL-USD", 3m)]);
        Assert.Single(after.Entries);
    }

    [Fact]
    [Trait("Req", "REQ-CD1")]
    public void The_trigger_to_order_path_honours_cooldowns_too_and_exits_are_not_blocked_by_them()
    {
        // No global spacing, so the exit approved first in the cycle does not space out the entry.
        var config = Snap.Config(risk: r => r with { MinSecondsBetweenTrades = 0m });
        var engine = new DecisionEngine(config);
        var indicators = new Dictionary<string, IndicatorReading> { ["SOL-USD"] = Snap.Reading(100m) };
        var position = new Position("ETH-USD", 0.1m, 4_000m, Snap.T0.AddDays(-1)); // −25 %: stop-loss
        var portfolio = new PortfolioState(9_700m, [position], 10_000m, 10_000m, 10_000m, 10_000m);
        var cooldowns = new[]
        {
            Cooldown.AfterStop("SOL-USD", Snap.T0.AddMinutes(-5), Config.Policy.Risk),
            Cooldown.AfterFill("ETH-USD", Snap.T0.AddMinutes(-5), Config.Policy.Risk),
        };

        var decision = engine.Decide(Snap.Snapshot(indicators: indicators, portfolio: portfolio, cooldowns: cooldowns));

        Assert.Empty(decision.Entries);
        Assert.Contains(decision.Rejections, r => r.ProductId == "SOL-USD" && r.ReasonCode == ReasonCodes.CooldownAfterStop);
        var exit = Assert.Single(decision.Exits);
        Assert.Equal("ETH-USD", exit.Order.ProductId);
    }
}
