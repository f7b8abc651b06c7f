using CsCheck;
using Trader.Domain.Market;
using Trader.Domain.Portfolio;
using Trader.Domain.Risk;
using Trader.Domain.Tests.Support;

namespace Trader.Domain.Tests.Risk;

public sealed class DrawdownTests
{
    // No global spacing: the exit approved first would otherwise space out the entry of the same cycle.
    private static readonly Trader.Domain.Config.TraderConfig Config = Snap.Config(risk: r => r with { MinSecondsBetweenTrades = 0m });

    private static PortfolioState Portfolio(decimal nav, decimal hwm, decimal dayStart, decimal weekStart) =>
        new(nav - 200m, [new Position("SOL-USD", 2m, 150m, Snap.T0.AddDays(-1))], nav, hwm, dayStart, weekStart);

    private static RiskOutcome Run(PortfolioState portfolio, SafetyState? safety = null) =>
        Snap.Risk(Config).Evaluate(Snap.Snapshot(portfolio: portfolio, safety: safety), Snap.Chop,
            [Snap.Exit("SOL-USD", 2m)], [Snap.Entry("ETH-USD", 3m)]);

    [Theory]
    [Trait("Req", "REQ-DD1")]
    [InlineData(9_000, 10_000, 9_000, 9_000, ReasonCodes.MaxDrawdown)]      // (HWM − NAV) / HWM = 10 %
    [InlineData(9_700, 9_800, 10_000, 9_800, ReasonCodes.DailyStopLoss)]    // day −3 %
    [InlineData(9_300, 9_400, 9_300, 10_000, ReasonCodes.WeeklyStopLoss)]   // week −7 %
    public void A_breached_stop_blocks_entries_and_exits_with_its_code(int nav, int hwm, int dayStart, int weekStart, string code)
    {
        var outcome = Run(Portfolio(nav, hwm, dayStart, weekStart));

        Assert.Empty(outcome.Entries);
        Assert.Empty(outcome.Exits);
        Assert.All(outcome.Rejections, r => Assert.Equal(code, r.ReasonCode));
        Assert.Equal(2, outcome.Rejections.Count);
        Assert.Contains(code, outcome.ActiveHalts);
    }

    [Fact]
    [Trait("Req", "REQ-DD1")]
    public void Just_inside_every_limit_nothing_is_blocked()
    {
        var outcome = Run(Portfolio(9_001m, 10_000m, 9_250m, 9_650m)); // dd 9.99 %, day −2.7 %, week −6.7 %
        Assert.Single(outcome.Entries);
        Assert.Single(outcome.Exits);
        Assert.Empty(outcome.ActiveHalts);
    }

    [Fact]
    [Trait("Req", "REQ-DD1")]
    public void A_latched_halt_keeps_blocking_after_the_nav_recovers_until_released()
    {
        var healthy = Portfolio(10_000m, 10_000m, 10_000m, 10_000m);
        var latched = Run(healthy, SafetyState.Clear with { DrawdownHaltLatched = true });
        Assert.All(latched.Rejections, r => Assert.Equal(ReasonCodes.MaxDrawdown, r.ReasonCode));

        var daily = Run(healthy, SafetyState.Clear with { DailyStopLatched = true });
        Assert.All(daily.Rejections, r => Assert.Equal(ReasonCodes.DailyStopLoss, r.ReasonCode));
        Assert.Equal(2, daily.Rejections.Count);
    }

    [Fact]
    [Trait("Req", "NFR-S1")]
    public void The_kill_switch_blocks_entries_and_exits_before_any_other_check()
    {
        var outcome = Run(Portfolio(9_000m, 10_000m, 9_000m, 9_000m), SafetyState.Clear with { KillSwitchActive = true });
        Assert.Empty(outcome.Entries);
        Assert.Empty(outcome.Exits);
        Assert.All(outcome.Rejections, r => Assert.Equal(ReasonCodes.KillSwitch, r.ReasonCode));
        Assert.Equal(new[] { ReasonCodes.KillSwitch, ReasonCodes.MaxDrawdown }, outcome.ActiveHalts);
    }

    [Fact]
    [Trait("Req", "NFR-S1")]
    public void An_unhealthy_exchange_blocks_entries_and_exits_but_limit_only_still_lets_exits_out()
    {
        var healthy = Portfolio(10_000m, 10_000m, 10_000m, 10_000m);
        var down = Run(healthy, SafetyState.Clear with { ExchangeHealth = new ProductHealth(ProductStatus.Offline, "maintenance") });
        Assert.All(down.Rejections, r => Assert.Equal(ReasonCodes.ExchangeUnhealthy, r.ReasonCode));
        Assert.Equal(2, down.Rejections.Count);

        var limitOnly = Run(healthy, SafetyState.Clear with { ExchangeHealth = new ProductHealth(ProductStatus.LimitOnly, null) });
        Assert.Single(limitOnly.Exits);
        Assert.Equal(ReasonCodes.ExchangeUnhealthy, Assert.Single(limitOnly.Rejections).ReasonCode);
    }

    [Fact]
    [Trait("Req", "REQ-DD1")]
    public void Stops_proven_far_without_the_division_halt_exactly_as_the_divided_moves_say_at_every_edge()
    {
        // The account-wide stops divide the NAV's move out only when a floating-point bound cannot prove it far
        // inside the limit: the halts must be those of the exact moves with the limits at, just under and just over them.
        Gen.Select(Gen.Long[1, 1_000_000_000_000], Gen.Int[0, 6], Gen.Int[-200, 50], Gen.Int[0, 6], Gen.Int[-3, 3], Gen.Int[0, 2])
            .Sample((units, scale, move, digits, nudge, which) =>
            {
                var start = units / Decimals.Pow10(scale);
                var nav = start + move * start / 1000m;
                if (nav < 0m) return;
                var exact = (start - nav) / start * 100m; // a loss as a positive percentage
                var limit = Math.Round(Math.Abs(exact), digits) + nudge / Decimals.Pow10(digits + 6);
                if (limit <= 0m) return;
                var far = 1_000m; // the other stops well out of reach
                var config = Snap.Config(risk: r => r with
                {
                    MaxDrawdownPct = which == 0 ? limit : far,
                    DailyStopPnlPct = which == 1 ? -limit : -far,
                    WeeklyStopPnlPct = which == 2 ? -limit : -far,
                });
                var hwm = which == 0 ? start : Math.Max(start, nav);
                var portfolio = new PortfolioState(nav, [], nav, hwm, which == 1 ? start : nav, which == 2 ? start : nav);
                var halts = Snap.Risk(config).ActiveHalts(Snap.Snapshot(portfolio: portfolio));

                var expected = which switch
                {
                    0 => (start - nav) / start * 100m >= limit,
                    1 => (nav - start) / start * 100m <= -limit,
                    _ => (nav - start) / start * 100m <= -limit,
                };
                var code = which switch { 0 => ReasonCodes.MaxDrawdown, 1 => ReasonCodes.DailyStopLoss, _ => ReasonCodes.WeeklyStopLoss };
                Assert.Equal(expected, halts.Contains(code));
                Assert.Equal(expected ? 1 : 0, halts.Count);
            }, iter: 20_000);
    }
}
