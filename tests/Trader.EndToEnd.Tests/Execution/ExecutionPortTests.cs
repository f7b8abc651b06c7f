using Trader.Domain.Config;
using Trader.Domain.Market;
using Trader.Domain.Rules;
using Trader.Domain.Sizing;
using Trader.Domain.Trading;
using Trader.Host.Execution;
using Trader.Host.Runtime;
using Trader.Host.Safety;
using Trader.Domain.Risk;
using Trader.Pipeline.Safety;
using Trader.Pipeline.Scheduling;
using Trader.State.Orders;
using Trader.State.Storage;
using Trader.Testing;

namespace Trader.EndToEnd.Tests.Execution;

/// <summary>
/// The glue between the decision pipeline and the order manager in PAPER/LIVE: the execution port (kill switch read at
/// the moment of sending) and the portfolio the next cycle decides against (positions, working orders, cooldowns, HWM).
/// </summary>
public sealed class ExecutionPortTests
{
    private static readonly ProductInfo Btc = new("BTC-USD", "BTC", "USD", 0.00000001m, 0.01m, 0.01m, 0.00000001m, 1m);
    private static readonly OrderSizer Sizer = new(40m, 60m, 1m);

    [Fact]
    [Trait("Req", "NFR-S1")]
    [Trait("Req", "REQ-K1")]
    public async Task An_order_in_flight_when_the_kill_switch_flips_is_journaled_not_sent_and_never_reaches_the_venue()
    {
        using var dir = new TempDir("port-kill");
        var clock = VirtualTime.Create();
        var quote = new Quote(59990m, 60000m, 60000m, clock.Now, clock.Now);
        using var state = StateStore.Open(dir.File("state.db"));
        using var paper = new PaperVenue(dir.File("paper.db"), _ => quote, 0.004m, 0.006m, clock.TimeProvider, new Dictionary<string, decimal> { ["USD"] = 10_000m });
        var manager = new OrderManager(state, paper, Sizer, Taker, clock.TimeProvider, _ => Btc);
        var kill = new KillSwitch();
        var sent = new List<SubmitResult>();
        var port = new OrderManagerExecutionPort(manager, kill, new StateJournalSink(state.Journal), clock.TimeProvider, sent.Add);
        var order = ExecutionHarness.Approve(Sizer.SizeBuy(Btc, 600m, 600m, 60000m, LiquidityRole.Taker).Order!);

        kill.Activate(new KillActivation("drill", "test", clock.Now, clock.Now));
        await port.SubmitAsync(order, new CycleTick(7, clock.Now), CancellationToken.None);

        Assert.Empty(sent);
        Assert.Empty(state.Orders.CreatedSince(DateTimeOffset.MinValue));
        Assert.Equal(10_000m, paper.Balance("USD"));
        var row = Assert.Single(state.Journal.ForCycle(7));
        Assert.Equal((OrderManagerExecutionPort.NotSent, "kill_switch"), (row.Outcome, row.ReasonCode));

        kill.Release();
        await port.SubmitAsync(order, new CycleTick(8, clock.Now), CancellationToken.None);
        Assert.Equal(OrderStatus.Filled, Assert.Single(sent).Status);
    }

    [Fact]
    [Trait("Req", "REQ-E2")]
    [Trait("Req", "REQ-CD1")]
    public async Task The_next_cycle_sees_the_fill_as_a_marked_position_the_resting_order_at_its_notional_and_the_cooldown()
    {
        using var dir = new TempDir("port-portfolio");
        var clock = VirtualTime.Create();
        var quote = new Quote(59990m, 60000m, 60000m, clock.Now, clock.Now);
        using var state = StateStore.Open(dir.File("state.db"));
        using var paper = new PaperVenue(dir.File("paper.db"), _ => quote, 0.004m, 0.006m, clock.TimeProvider, new Dictionary<string, decimal> { ["USD"] = 10_000m });
        var manager = new OrderManager(state, paper, Sizer, Taker, clock.TimeProvider, _ => Btc);
        var maker = new OrderManager(state, paper, Sizer, Taker with { OrderType = ExecutionOrderType.LimitPostOnly }, clock.TimeProvider, _ => Btc);
        var policy = new PolicyConfig();
        var source = new StatePortfolioSource(state, () => paper.Balance("USD"), _ => 61000m, new KillSwitch(), policy);

        await manager.SubmitAsync(ExecutionHarness.Approve(Sizer.SizeBuy(Btc, 600m, 600m, 60000m, LiquidityRole.Taker).Order!), 1, CancellationToken.None);
        var resting = await maker.SubmitAsync(ExecutionHarness.Approve(Sizer.SizeBuy(Btc, 300m, 300m, 50000m, LiquidityRole.Maker).Order!), 2, CancellationToken.None);
        Assert.Equal(OrderStatus.Open, resting.Status);

        var view = source.Current(clock.Now);
        var position = Assert.Single(view.Portfolio.Positions);
        Assert.Equal((0.01m, 60000m), (position.Size, position.AvgCost));
        Assert.Equal(paper.Balance("USD"), view.Portfolio.Cash);
        Assert.Equal(paper.Balance("USD") + 0.01m * 61000m, view.Portfolio.Nav);
        var working = Assert.Single(view.WorkingOrders);
        Assert.Equal((OrderSide.Buy, 300m), (working.Side, working.WorstCaseNotional));
        Assert.Equal(resting.ClientOrderId, working.ClientOrderId);
        var cooldown = Assert.Single(view.Cooldowns);
        Assert.Equal(clock.Now + TimeSpan.FromMinutes(60), cooldown.Until);
        Assert.Equal(2, view.RecentTrades.Count);
        Assert.False(view.Safety.KillSwitchActive);

        // The high-water mark survives a restart: it is read back from the equity marks.
        var restarted = new StatePortfolioSource(state, () => paper.Balance("USD"), _ => 55000m, new KillSwitch(), policy);
        var after = restarted.Current(clock.Now + TimeSpan.FromMinutes(1));
        Assert.Equal(view.Portfolio.Nav, after.Portfolio.HighWaterMark);
        Assert.True(after.Portfolio.Nav < after.Portfolio.HighWaterMark);
    }

    [Fact]
    [Trait("Req", "REQ-DD1")]
    [Trait("Req", "NFR-S1")]
    public async Task A_drawdown_halt_stops_an_order_in_flight_and_a_resume_restarts_the_high_water_mark()
    {
        using var dir = new TempDir("port-drawdown");
        var clock = VirtualTime.Create();
        var quote = new Quote(59990m, 60000m, 60000m, clock.Now, clock.Now);
        using var state = StateStore.Open(dir.File("state.db"));
        using var paper = new PaperVenue(dir.File("paper.db"), _ => quote, 0.004m, 0.006m, clock.TimeProvider, new Dictionary<string, decimal> { ["USD"] = 10_000m });
        var manager = new OrderManager(state, paper, Sizer, Taker, clock.TimeProvider, _ => Btc);
        var sent = new List<SubmitResult>();
        var port = new OrderManagerExecutionPort(manager, new KillSwitch(), new StateJournalSink(state.Journal), clock.TimeProvider, sent.Add,
            () => AccountHalts.ActiveGate(state.Halts));
        var nav = 10_000m;
        var source = new StatePortfolioSource(state, () => nav, _ => null, new KillSwitch(), new PolicyConfig());
        Assert.Equal(10_000m, source.Current(clock.Now).Portfolio.HighWaterMark);

        nav = 8_000m;
        clock.AdvanceBy(TimeSpan.FromMinutes(1));
        Assert.Equal(10_000m, source.Current(clock.Now).Portfolio.HighWaterMark);
        state.Halts.Activate(DrawdownMonitor.DrawdownGate, DrawdownMonitor.Scope, "max_drawdown: test", clock.Now);
        Assert.True(source.Current(clock.Now).Safety.DrawdownHaltLatched);

        await port.SubmitAsync(ExecutionHarness.Approve(Sizer.SizeBuy(Btc, 600m, 600m, 60000m, LiquidityRole.Taker).Order!), new CycleTick(3, clock.Now), CancellationToken.None);
        Assert.Empty(sent);
        Assert.Equal(ReasonCodes.MaxDrawdown, Assert.Single(state.Journal.ForCycle(3)).ReasonCode);

        clock.AdvanceBy(TimeSpan.FromMinutes(1));
        Assert.Equal([DrawdownMonitor.DrawdownGate], OperatorRelease.Resume(state.Halts, clock.Now, "operator", "accepted the loss"));
        clock.AdvanceBy(TimeSpan.FromMinutes(1));
        var after = source.Current(clock.Now);
        Assert.False(after.Safety.DrawdownHaltLatched);
        Assert.Equal(8_000m, after.Portfolio.HighWaterMark);
    }

    [Fact]
    [Trait("Req", "REQ-EX1")]
    public void The_exchange_wide_health_from_the_status_channel_reaches_the_safety_state_the_risk_engine_checks()
    {
        using var dir = new TempDir("port-exchange");
        var clock = VirtualTime.Create();
        using var state = StateStore.Open(dir.File("state.db"));
        var health = ProductHealth.Online;
        var source = new StatePortfolioSource(state, () => 10_000m, _ => null, new KillSwitch(), new PolicyConfig(), () => health);
        Assert.Equal(ProductHealth.Online, source.Current(clock.Now).Safety.ExchangeHealth);

        health = new ProductHealth(ProductStatus.Offline, "every reported product offline");
        Assert.Equal(health, source.Current(clock.Now).Safety.ExchangeHealth);
    }

    private static ExecutionSettings Taker =>
        new("trdr", TradingMode.Paper, ExecutionOrderType.MarketIoc, TimeSpan.FromMinutes(60), TimeSpan.FromMinutes(120));
}
