using Trader.Domain.Trading;
using Trader.Host.Execution;
using Trader.Pipeline.Safety;
using Trader.State.Fills;
using Trader.State.Orders;

namespace Trader.Host.Tests.Execution;

/// <summary>
/// The working-order lifecycle (docs/EXECUTION.md): post-only re-price after post_only_ttl_seconds when the touch moved
/// away, taker IOC (or the chain's end) at cancel_after_seconds counted from the chain's first order, remainders only,
/// the send-time gate read right before every replacement. Virtual time; the simulator over real sockets.
/// </summary>
public sealed class WorkingOrderLifecycleTests
{
    private static readonly TimeSpan Ttl = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan CancelAfter = TimeSpan.FromSeconds(60);

    [Fact]
    [Trait("Req", "REQ-X1")]
    [Trait("Req", "REQ-X2")]
    public async Task A_resting_buy_is_repriced_at_the_ttl_when_the_bid_moves_up_then_taken_by_IOC_at_cancel_after_across_a_restart()
    {
        await using var rig = await LifecycleRig.SimulatorAsync();
        var first = await rig.BuyAsync(600m);
        Assert.Equal(OrderStatus.Open, first.Status);
        Assert.Equal(59_990m, first.Price);

        rig.Clock.AdvanceBy(TimeSpan.FromSeconds(10));
        rig.Book(59_995m, 60_005m);
        Assert.Equal(new LifecycleSummary(0, 0, 0, 0), await rig.CycleAsync(TimeSpan.Zero)); // rested 10 s < TTL: left alone

        Assert.Equal(new LifecycleSummary(1, 0, 0, 0), await rig.CycleAsync(TimeSpan.FromSeconds(5)));
        var second = Assert.Single(rig.Replacements);
        var repriced = rig.State.Orders.Get(second.ClientOrderId!)!;
        Assert.Equal(OrderStatus.Cancelled, rig.State.Orders.Get(first.ClientOrderId)!.Status);
        Assert.Equal(OrderStatus.Open, repriced.Status);
        Assert.NotEqual(first.ClientOrderId, repriced.ClientOrderId);
        Assert.Equal("limit_post_only", repriced.OrderType);
        Assert.Equal(59_995m, repriced.Price);
        Assert.Equal(first.Size, repriced.Size);
        Assert.Equal(first.ClientOrderId, repriced.ParentClientOrderId);
        Assert.Equal(first.CreatedTs, repriced.ChainStartedTs);
        Assert.Equal(Ttl, repriced.CreatedTs - first.CreatedTs);
        Assert.Contains(rig.Journal(), e => e.Kind == OrderManager.AuditKind && e.Outcome == "pending_submit"
            && e.ReasonCode == $"{WorkingOrderLifecycle.RepriceStep}: replaces {first.ClientOrderId}" && e.PayloadJson!.Contains(first.ClientOrderId, StringComparison.Ordinal));

        // A restart keeps the chain: its start comes from the state row, not from memory.
        rig.Restart();
        Assert.Equal(new LifecycleSummary(0, 0, 0, 0), await rig.CycleAsync(TimeSpan.FromSeconds(30))); // the bid stayed: no re-price
        Assert.Equal(new LifecycleSummary(0, 1, 0, 0), await rig.CycleAsync(TimeSpan.FromSeconds(15)));
        var ioc = rig.State.Orders.Get(rig.Replacements[1].ClientOrderId!)!;
        Assert.Equal(CancelAfter, ioc.CreatedTs - first.CreatedTs);
        Assert.Equal("limit_ioc", ioc.OrderType);
        Assert.Equal(repriced.ClientOrderId, ioc.ParentClientOrderId);
        Assert.Equal(first.CreatedTs, ioc.ChainStartedTs);
        Assert.Equal(first.Size, ioc.Size);
        Assert.True(ioc.Price > 60_005m && ioc.Price <= 60_005m * 1.002m, $"IOC limit {ioc.Price} is not within T1's 20 bps over the ask 60005");
        Assert.Equal(OrderStatus.Filled, ioc.Status);
        var fill = Assert.Single(rig.State.Fills.ForOrder(ioc.ClientOrderId));
        Assert.Equal(60_005m, fill.Price);
        Assert.Equal(Liquidity.Taker, fill.Liquidity);

        // Exactly one venue order per client order id, and nothing left working.
        var venueOrders = (await rig.Sim!.Client.ListOrdersAsync(new Trader.Coinbase.Rest.Orders.OrderListFilter(ProductIds: [LifecycleRig.Product]))).Value;
        Assert.Equal(3, venueOrders.Count);
        Assert.Equal(3, venueOrders.Select(o => o.ClientOrderId).Distinct().Count());
        Assert.Empty(rig.State.Orders.Working());
        Assert.Equal(first.Size, rig.State.Positions.Get(LifecycleRig.Product)!.BaseSize);
    }

    [Fact]
    [Trait("Req", "REQ-X2")]
    public async Task An_exit_sell_follows_the_same_chain_down_and_is_taken_at_the_bid_within_the_budget()
    {
        await using var rig = await LifecycleRig.SimulatorAsync();
        var first = await rig.SellAsync(0.01m);
        Assert.Equal(60_000m, first.Price);
        rig.Book(59_980m, 59_990m);
        Assert.Equal(new LifecycleSummary(1, 0, 0, 0), await rig.CycleAsync(Ttl));
        var repriced = rig.State.Orders.Get(rig.Replacements[0].ClientOrderId!)!;
        Assert.Equal((OrderSide.Sell, 59_990m, 0.01m), (repriced.Side, repriced.Price, repriced.Size));

        Assert.Equal(new LifecycleSummary(0, 1, 0, 0), await rig.CycleAsync(CancelAfter - Ttl));
        var ioc = rig.State.Orders.Get(rig.Replacements[1].ClientOrderId!)!;
        Assert.Equal(CancelAfter, ioc.CreatedTs - first.CreatedTs);
        Assert.True(ioc.Price < 59_980m && ioc.Price >= 59_980m * 0.998m, $"IOC sell limit {ioc.Price} is not within 20 bps under the bid 59980");
        Assert.Equal(OrderStatus.Filled, ioc.Status);
        Assert.Equal(59_980m, Assert.Single(rig.State.Fills.ForOrder(ioc.ClientOrderId)).Price);
    }

    [Fact]
    public async Task Without_taker_fallback_the_chain_ends_at_cancel_after_with_no_taker_order()
    {
        await using var rig = await LifecycleRig.SimulatorAsync(LifecycleRig.DefaultSettings with { TakerFallback = false });
        var first = await rig.BuyAsync(600m);
        Assert.Equal(new LifecycleSummary(0, 0, 0, 0), await rig.CycleAsync(TimeSpan.FromSeconds(59))); // the bid never moved
        Assert.Equal(new LifecycleSummary(0, 0, 1, 0), await rig.CycleAsync(TimeSpan.FromSeconds(1)));

        Assert.Empty(rig.Replacements);
        var only = Assert.Single(rig.Orders());
        Assert.Equal(OrderStatus.Cancelled, only.Status);
        Assert.Null(rig.State.Orders.ReplacementOf(first.ClientOrderId));
        Assert.Contains(rig.Journal(), e => e.Outcome == WorkingOrderLifecycle.ChainEnded && e.ReasonCode == WorkingOrderLifecycle.PostOnlyUnfilled);
        var venueOrders = (await rig.Sim!.Client.ListOrdersAsync(new Trader.Coinbase.Rest.Orders.OrderListFilter(ProductIds: [LifecycleRig.Product]))).Value;
        Assert.Equal("CANCELLED", Assert.Single(venueOrders).Status);
    }

    [Fact]
    [Trait("Req", "NFR-S1")]
    public async Task While_the_kill_switch_is_active_a_due_reprice_sends_nothing_and_the_order_keeps_resting()
    {
        await using var rig = await LifecycleRig.SimulatorAsync();
        var first = await rig.BuyAsync(600m);
        rig.Book(59_995m, 60_005m);
        rig.Kill.Activate(new KillActivation("test", "test", rig.Clock.Now, rig.Clock.Now));
        Assert.Equal(new LifecycleSummary(0, 0, 0, 1), await rig.CycleAsync(Ttl));
        Assert.Empty(rig.Replacements);
        Assert.Equal(OrderStatus.Open, Assert.Single(rig.Orders()).Status);
        var venueOrders = (await rig.Sim!.Client.ListOrdersAsync(new Trader.Coinbase.Rest.Orders.OrderListFilter(ProductIds: [LifecycleRig.Product]))).Value;
        Assert.Equal(first.VenueOrderId, Assert.Single(venueOrders).OrderId);
    }

    [Fact]
    [Trait("Req", "NFR-S1")]
    public async Task A_kill_switch_tripping_while_the_reprice_cancel_is_in_flight_sends_no_replacement()
    {
        LifecycleRig? trip = null;
        var tripped = false;
        await using var rig = await LifecycleRig.SimulatorAsync(wrap: venue => new CancelHookVenue(venue, () =>
        {
            tripped = trip!.Kill.Activate(new KillActivation("operator", "test", trip.Clock.Now, trip.Clock.Now));
        }));
        trip = rig;
        await rig.BuyAsync(600m);
        rig.Book(59_995m, 60_005m);
        Assert.Equal(new LifecycleSummary(0, 0, 1, 0), await rig.CycleAsync(Ttl));

        Assert.True(tripped);
        Assert.Empty(rig.Replacements);
        Assert.Equal(OrderStatus.Cancelled, Assert.Single(rig.Orders()).Status);
        Assert.Contains(rig.Journal(), e => e.Outcome == WorkingOrderLifecycle.ChainEnded && e.ReasonCode == "kill_switch");
        var venueOrders = (await rig.Sim!.Client.ListOrdersAsync(new Trader.Coinbase.Rest.Orders.OrderListFilter(ProductIds: [LifecycleRig.Product]))).Value;
        Assert.Equal("CANCELLED", Assert.Single(venueOrders).Status);
    }

    [Fact]
    [Trait("Req", "REQ-E2")]
    public async Task After_a_partial_fill_only_the_remainder_is_repriced_and_then_taken()
    {
        await using var rig = LifecycleRig.WithScripted();
        var first = await rig.BuyAsync(600m);
        rig.Scripted.Fill(first.ClientOrderId, 0.004m);
        rig.Book(59_995m, 60_005m);
        Assert.Equal(new LifecycleSummary(1, 0, 0, 0), await rig.CycleAsync(Ttl));
        var remainder = first.Size!.Value - 0.004m;
        var repriced = rig.State.Orders.Get(rig.Replacements[0].ClientOrderId!)!;
        Assert.Equal(remainder, repriced.Size);
        Assert.Equal(0.004m, rig.State.Orders.Get(first.ClientOrderId)!.FilledSize);

        rig.Scripted.Fill(repriced.ClientOrderId, 0.002m);
        Assert.Equal(new LifecycleSummary(0, 1, 0, 0), await rig.CycleAsync(CancelAfter - Ttl));
        var ioc = rig.State.Orders.Get(rig.Replacements[1].ClientOrderId!)!;
        Assert.Equal(remainder - 0.002m, ioc.Size);
        Assert.Equal(first.Size, rig.State.Positions.Get(LifecycleRig.Product)!.BaseSize); // never more than the decision approved
        Assert.All(rig.Scripted.Placed, p => Assert.True(p.BaseSize <= first.Size));
    }

    [Fact]
    [Trait("Req", "REQ-X3")]
    public async Task A_remainder_below_min_notional_ends_the_chain_and_sends_nothing()
    {
        await using var rig = LifecycleRig.WithScripted();
        var first = await rig.BuyAsync(600m);
        rig.Scripted.Fill(first.ClientOrderId, first.Size!.Value - 0.00001m); // 0.00001 BTC ≈ 0.60 USD left, under the 1 USD minimum
        rig.Book(59_995m, 60_005m);
        Assert.Equal(new LifecycleSummary(0, 0, 1, 0), await rig.CycleAsync(Ttl));
        Assert.Empty(rig.Replacements);
        Assert.Single(rig.Scripted.Placed);
        Assert.Contains(rig.Journal(), e => e.Outcome == WorkingOrderLifecycle.ChainEnded && e.ReasonCode == "below_min_notional");
    }

    [Fact]
    [Trait("Req", "REQ-E2")]
    public async Task A_cancel_the_venue_does_not_confirm_leaves_the_order_working_and_nothing_replaces_it_until_it_does()
    {
        await using var rig = LifecycleRig.WithScripted();
        var first = await rig.BuyAsync(600m);
        rig.Book(59_995m, 60_005m);
        rig.Scripted.RefuseCancels = true;
        Assert.Equal(new LifecycleSummary(0, 0, 0, 1), await rig.CycleAsync(Ttl));
        Assert.Equal(OrderStatus.Open, rig.State.Orders.Get(first.ClientOrderId)!.Status);
        Assert.Single(rig.Scripted.Placed);
        Assert.Contains(rig.Journal(), e => e.ReasonCode == WorkingOrderLifecycle.CancelUnconfirmed);

        rig.Scripted.RefuseCancels = false;
        Assert.Equal(new LifecycleSummary(1, 0, 0, 0), await rig.CycleAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal(2, rig.Scripted.Placed.Count);
    }

    [Fact]
    public async Task On_the_paper_venue_a_stale_quote_defers_the_fallback_and_a_post_only_product_gets_no_IOC()
    {
        await using var rig = LifecycleRig.WithPaper();
        var first = await rig.BuyAsync(600m);
        rig.QuoteStale = true;
        Assert.Equal(new LifecycleSummary(0, 0, 0, 1), await rig.CycleAsync(CancelAfter));
        Assert.Equal(OrderStatus.Open, rig.State.Orders.Get(first.ClientOrderId)!.Status);

        rig.QuoteStale = false;
        Assert.Equal(new LifecycleSummary(0, 1, 0, 0), await rig.CycleAsync(TimeSpan.FromSeconds(1)));
        var ioc = rig.State.Orders.Get(rig.Replacements[0].ClientOrderId!)!;
        Assert.Equal(CancelAfter + TimeSpan.FromSeconds(1), ioc.CreatedTs - first.CreatedTs);
        Assert.Equal(OrderStatus.Filled, ioc.Status);
        var fill = Assert.Single(rig.State.Fills.ForOrder(ioc.ClientOrderId));
        Assert.Equal((60_000m, Liquidity.Taker), (fill.Price, fill.Liquidity));

        var second = await rig.BuyAsync(600m);
        rig.Health = new Trader.Domain.Market.ProductHealth(Trader.Domain.Market.ProductStatus.PostOnly, "product_unhealthy");
        Assert.Equal(new LifecycleSummary(0, 0, 1, 0), await rig.CycleAsync(CancelAfter));
        Assert.Equal(OrderStatus.Cancelled, rig.State.Orders.Get(second.ClientOrderId)!.Status);
        Assert.Single(rig.Replacements);
        Assert.Contains(rig.Journal(), e => e.Outcome == WorkingOrderLifecycle.ChainEnded && e.ReasonCode == WorkingOrderLifecycle.TakerNotAllowed);
    }
}
