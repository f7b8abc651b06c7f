using Trader.Domain.Trading;
using Trader.State.Fills;
using Trader.State.Orders;
using Trader.State.Positions;
using Trader.State.Storage;
using Trader.Testing;
using static Trader.State.Tests.Support.Rows;

namespace Trader.State.Tests.Fills;

public sealed class FillStoreTests
{
    [Fact]
    public void A_fill_moves_its_order_and_the_position_together()
    {
        using var dir = new TempDir();
        using var store = StateStore.Open(dir.File("state.db"));
        store.Orders.TryRegister(Limit("b1", size: 2m));

        Assert.Equal(FillOutcome.Recorded, store.Fills.Record(Fill("b1", "t1", 0.5m, 100m, fee: 0.3m)));
        var partial = store.Orders.Get("b1")!;
        Assert.Equal(OrderStatus.Open, partial.Status); // a fill proves the venue has it
        Assert.Equal(0.5m, partial.FilledSize);

        Assert.Equal(FillOutcome.Recorded, store.Fills.Record(Fill("b1", "t2", 1.5m, 104m, fee: 0.9m, ts: T0.AddSeconds(5))));
        var order = store.Orders.Get("b1")!;
        Assert.Equal(OrderStatus.Filled, order.Status);
        Assert.Equal(2m, order.FilledSize);
        Assert.Equal(0.5m * 100m + 1.5m * 104m, order.FilledValue);
        Assert.Equal(1.2m, order.Fees);
        Assert.Equal(T0.AddSeconds(5), order.UpdatedTs);

        var position = store.Positions.Get("BTC-USD")!;
        Assert.Equal(2m, position.BaseSize);
        Assert.Equal(103m, position.AverageCost);
        Assert.Equal(1.2m, position.Fees);
        Assert.Equal(0m, position.RealizedPnl);
    }

    [Fact]
    public void Selling_realizes_pnl_against_the_average_cost_and_a_flat_position_resets_it()
    {
        using var dir = new TempDir();
        using var store = StateStore.Open(dir.File("state.db"));
        store.Orders.TryRegister(Limit("b", size: 2m));
        store.Fills.Record(Fill("b", "t1", 2m, 100m, fee: 1m));
        store.Orders.TryRegister(Limit("s1", OrderSide.Sell, size: 0.5m));
        store.Fills.Record(Fill("s1", "t1", 0.5m, 110m, fee: 0.25m, side: OrderSide.Sell));

        var half = store.Positions.Get("BTC-USD")!;
        Assert.Equal(1.5m, half.BaseSize);
        Assert.Equal(100m, half.AverageCost);
        Assert.Equal(5m, half.RealizedPnl);
        Assert.Equal(1.25m, half.Fees);
        Assert.Equal(3.75m, half.NetRealizedPnl);

        store.Orders.TryRegister(Limit("s2", OrderSide.Sell, size: 1.5m));
        store.Fills.Record(Fill("s2", "t1", 1.5m, 90m, side: OrderSide.Sell));
        var flat = store.Positions.Get("BTC-USD")!;
        Assert.False(flat.IsOpen);
        Assert.Equal(0m, flat.AverageCost);
        Assert.Equal(5m - 15m, flat.RealizedPnl);
        Assert.Empty(store.Positions.Open());
    }

    [Fact]
    public void A_replayed_trade_id_changes_nothing()
    {
        using var dir = new TempDir();
        using var store = StateStore.Open(dir.File("state.db"));
        store.Orders.TryRegister(Limit("b", size: 2m));
        store.Fills.Record(Fill("b", "t1", 1m, 100m));

        Assert.Equal(FillOutcome.Duplicate, store.Fills.Record(Fill("b", "t1", 1m, 100m)));

        Assert.Equal(1m, store.Orders.Get("b")!.FilledSize);
        Assert.Equal(1m, store.Positions.Get("BTC-USD")!.BaseSize);
        Assert.Single(store.Fills.ForOrder("b"));
    }

    [Fact]
    public void A_fill_for_an_unknown_order_is_not_stored()
    {
        using var dir = new TempDir();
        using var store = StateStore.Open(dir.File("state.db"));

        Assert.Equal(FillOutcome.UnknownOrder, store.Fills.Record(Fill("nobody", "t1", 1m, 100m)));
        Assert.Null(store.Positions.Get("BTC-USD"));
    }

    [Fact]
    public void A_late_fill_on_a_cancelled_order_counts_but_keeps_it_cancelled()
    {
        using var dir = new TempDir();
        using var store = StateStore.Open(dir.File("state.db"));
        store.Orders.TryRegister(Limit("b", size: 2m, status: OrderStatus.Open));
        store.Orders.UpdateStatus("b", OrderStatus.Cancelled, T0.AddSeconds(2));

        store.Fills.Record(Fill("b", "t1", 1m, 100m, ts: T0.AddSeconds(1)));

        var order = store.Orders.Get("b")!;
        Assert.Equal(OrderStatus.Cancelled, order.Status);
        Assert.Equal(1m, order.FilledSize);
        Assert.Equal(1m, store.Positions.Get("BTC-USD")!.BaseSize);
    }

    [Fact]
    public void Reconciliation_can_set_a_position()
    {
        using var dir = new TempDir();
        using var store = StateStore.Open(dir.File("state.db"));
        store.Positions.Set(new PositionRecord("ETH-USD", 3.25m, 2000m, 0m, 0m, T0));
        Assert.Equal(3.25m, store.Positions.Get("ETH-USD")!.BaseSize);
    }
}
