using Trader.Domain.Rules;
using Trader.Domain.Sizing;
using Trader.Host.Execution;
using Trader.State.Fills;
using Trader.State.Orders;

namespace Trader.EndToEnd.Tests.Execution;

/// <summary>Preview → place → reconcile against the simulator over real sockets, with fees and PnL checked by hand.</summary>
public sealed class PlaceAndReconcileTests
{
    [Fact]
    [Trait("Req", "REQ-X2")]
    public async Task Fills_and_fees_from_the_venue_make_position_average_cost_and_realized_pnl_to_the_cent()
    {
        await using var h = await ExecutionHarness.StartAsync();
        var manager = h.Manager(ExecutionOrderType.MarketIoc);

        // Buy 0.6 BTC at market: the book gives 0.5 @ 60000 and 0.1 @ 60010, taker 0.6 %.
        var buy = h.Buy(0.6m * 60010m, 60010m, LiquidityRole.Taker);
        Assert.Equal(0.6m, buy.BaseSize);
        var bought = await h.Run(() => manager.SubmitAsync(ExecutionHarness.Approve(buy), 1, CancellationToken.None));
        Assert.Equal(OrderStatus.Filled, bought.Status);
        var fills = h.State.Fills.ForOrder(bought.ClientOrderId!);
        Assert.Equal(2, fills.Count);
        Assert.All(fills, f => Assert.Equal(Liquidity.Taker, f.Liquidity));
        Assert.Equal(180.00m + 36.006m, fills.Sum(f => f.Fee)); // 0.5×60000×0.006 + 0.1×60010×0.006

        var afterBuy = h.State.Positions.Get(ExecutionHarness.Product)!;
        Assert.Equal(0.6m, afterBuy.BaseSize);
        Assert.Equal(60001.67m, Math.Round(afterBuy.AverageCost, 2)); // (30000 + 6001) / 0.6
        Assert.Equal(216.01m, Math.Round(afterBuy.Fees, 2));

        // Sell 0.3 at market: bids 59990 × 0.5 → one fill, fee 0.3×59990×0.006 = 107.982.
        var sell = h.Sell(0.3m, 59990m, LiquidityRole.Taker);
        var sold = await h.Run(() => manager.SubmitAsync(ExecutionHarness.Approve(sell, ExitReason.TakeProfit), 2, CancellationToken.None));
        Assert.Equal(OrderStatus.Filled, sold.Status);

        var position = h.State.Positions.Get(ExecutionHarness.Product)!;
        Assert.Equal(0.3m, position.BaseSize);
        Assert.Equal(60001.67m, Math.Round(position.AverageCost, 2));
        Assert.Equal(-3.50m, Math.Round(position.RealizedPnl, 2));      // (59990 − 60001.6667) × 0.3
        Assert.Equal(323.99m, Math.Round(position.Fees, 2));             // 180 + 36.006 + 107.982
        Assert.Equal(-327.49m, Math.Round(position.NetRealizedPnl, 2));
        Assert.Equal(29.50m, Math.Round(PositionMath.UnrealizedPnl(position, 60100m), 2)); // (60100 − 60001.6667) × 0.3

        // The order rows carry the venue id, filled size, value and fees; the audit journal has their history.
        var buyRow = h.State.Orders.Get(bought.ClientOrderId!)!;
        Assert.Equal(0.6m, buyRow.FilledSize);
        Assert.Equal(36001m, buyRow.FilledValue);
        Assert.Equal(216.006m, buyRow.Fees);
        Assert.NotNull(buyRow.VenueOrderId);
        var audit = h.State.Journal.ForCycle(1).Where(e => e.Kind == OrderManager.AuditKind).Select(e => e.Outcome).ToList();
        Assert.Equal(["pending_submit", "open", "open", "filled"], audit); // submitted, placed, first fill, last fill
    }

    [Fact]
    [Trait("Req", "REQ-CD1")]
    public async Task A_fill_from_the_venue_starts_the_cooldown_and_a_stop_out_the_longer_one()
    {
        await using var h = await ExecutionHarness.StartAsync();
        var manager = h.Manager(ExecutionOrderType.MarketIoc);
        var start = h.Clock.Now;

        Assert.Empty(h.State.Cooldowns.Active(start));
        var bought = await h.Run(() => manager.SubmitAsync(ExecutionHarness.Approve(h.Buy(600m, 60000m, LiquidityRole.Taker)), 1, CancellationToken.None));
        Assert.Equal(OrderStatus.Filled, bought.Status);
        var fillTs = h.State.Fills.ForOrder(bought.ClientOrderId!).Max(f => f.Ts);
        var cooldown = Assert.Single(h.State.Cooldowns.Active(h.Clock.Now));
        Assert.Equal(ExecutionHarness.Product, cooldown.ProductId);
        Assert.Equal(fillTs + TimeSpan.FromMinutes(60), cooldown.Until);
        Assert.Equal("fill", cooldown.Reason);

        var stopped = await h.Run(() => manager.SubmitAsync(
            ExecutionHarness.Approve(h.Sell(0.01m, 59990m, LiquidityRole.Taker), ExitReason.StopLoss), 2, CancellationToken.None));
        Assert.Equal(OrderStatus.Filled, stopped.Status);
        var stopTs = h.State.Fills.ForOrder(stopped.ClientOrderId!).Max(f => f.Ts);
        var afterStop = Assert.Single(h.State.Cooldowns.Active(h.Clock.Now));
        Assert.Equal(stopTs + TimeSpan.FromMinutes(120), afterStop.Until);
        Assert.Equal("stop_out", afterStop.Reason);
        Assert.Empty(h.State.Cooldowns.Active(stopTs + TimeSpan.FromMinutes(120)));
    }

    [Fact]
    [Trait("Req", "REQ-X2")]
    public async Task A_preview_failure_rejects_with_its_reason_and_nothing_is_sent()
    {
        await using var h = await ExecutionHarness.StartAsync();
        var manager = h.Manager(ExecutionOrderType.LimitPostOnly);
        // 5 BTC at 59000 ≈ 295,000 USD: more than the simulator's 100,000 USD balance.
        var result = await h.Run(() => manager.SubmitAsync(ExecutionHarness.Approve(h.Buy(5m * 59000m, 59000m, LiquidityRole.Maker)), 1, CancellationToken.None));
        Assert.Equal(OrderStatus.Rejected, result.Status);
        Assert.StartsWith("preview_failed: ", result.Reason);
        Assert.Contains("INSUFFICIENT_FUND", result.Reason);
        Assert.Equal(OrderStatus.Rejected, h.State.Orders.Get(result.ClientOrderId!)!.Status);
        Assert.Empty(await h.VenueOrdersAsync());
    }

    [Fact]
    [Trait("Req", "REQ-X2")]
    public async Task A_resting_post_only_order_is_cancelled_in_a_batch_and_verified_by_reading_it_back()
    {
        await using var h = await ExecutionHarness.StartAsync();
        var manager = h.Manager(ExecutionOrderType.LimitPostOnly);
        var first = await h.Run(() => manager.SubmitAsync(ExecutionHarness.Approve(h.Buy(100m, 59000m, LiquidityRole.Maker)), 1, CancellationToken.None));
        var second = await h.Run(() => manager.SubmitAsync(ExecutionHarness.Approve(h.Buy(100m, 58000m, LiquidityRole.Maker)), 1, CancellationToken.None));
        Assert.Equal(OrderStatus.Open, first.Status);
        Assert.Equal(OrderStatus.Open, second.Status);

        var after = await h.Run(() => manager.CancelAsync([first.ClientOrderId!, second.ClientOrderId!], 2, CancellationToken.None));
        Assert.All(after, o => Assert.Equal(OrderStatus.Cancelled, o.Status));
        var venue = await h.VenueOrdersAsync();
        Assert.All(venue, o => Assert.Equal("CANCELLED", o.Status));
        Assert.Equal(2, venue.Count);
    }

    [Fact]
    [Trait("Req", "REQ-X3")]
    public async Task Execution_refuses_an_order_risk_sized_for_another_fee_role()
    {
        await using var h = await ExecutionHarness.StartAsync();
        var manager = h.Manager(ExecutionOrderType.LimitPostOnly);
        var result = await h.Run(() => manager.SubmitAsync(ExecutionHarness.Approve(h.Buy(100m, 59000m, LiquidityRole.Taker)), 1, CancellationToken.None));
        Assert.Equal(OrderStatus.Rejected, result.Status);
        Assert.StartsWith(OrderManager.SizingMismatch, result.Reason);
        Assert.Empty(await h.VenueOrdersAsync());
    }
}
