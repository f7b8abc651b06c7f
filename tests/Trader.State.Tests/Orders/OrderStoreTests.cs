using Trader.State.Orders;
using Trader.State.Storage;
using Trader.Testing;
using static Trader.State.Tests.Support.Rows;

namespace Trader.State.Tests.Orders;

public sealed class OrderStoreTests
{
    [Fact]
    public void A_client_order_id_is_registered_once()
    {
        using var dir = new TempDir();
        using var store = StateStore.Open(dir.File("state.db"));

        Assert.True(store.Orders.TryRegister(Limit("coid-1", size: 1m)));
        Assert.False(store.Orders.TryRegister(Limit("coid-1", size: 2m)));
        Assert.Equal(1m, store.Orders.Get("coid-1")!.Size);
    }

    [Fact]
    public void Status_moves_forward_and_terminal_states_are_sticky()
    {
        using var dir = new TempDir();
        using var store = StateStore.Open(dir.File("state.db"));
        store.Orders.TryRegister(Limit("a"));

        Assert.True(store.Orders.UpdateStatus("a", OrderStatus.Ambiguous, T0.AddSeconds(1), reason: "timeout_after_send"));
        Assert.True(store.Orders.UpdateStatus("a", OrderStatus.Open, T0.AddSeconds(2), venueOrderId: "venue-1"));
        Assert.True(store.Orders.UpdateStatus("a", OrderStatus.Cancelled, T0.AddSeconds(3)));
        Assert.False(store.Orders.UpdateStatus("a", OrderStatus.Open, T0.AddSeconds(4)));
        Assert.False(store.Orders.UpdateStatus("missing", OrderStatus.Open, T0));

        var order = store.Orders.Get("a")!;
        Assert.Equal(OrderStatus.Cancelled, order.Status);
        Assert.Equal("venue-1", order.VenueOrderId);
        Assert.Equal(T0.AddSeconds(3), order.UpdatedTs);
        Assert.Equal("a", store.Orders.GetByVenueOrderId("venue-1")!.ClientOrderId);
    }

    [Fact]
    public void Working_orders_are_pending_ambiguous_and_open_ones()
    {
        using var dir = new TempDir();
        using var store = StateStore.Open(dir.File("state.db"));
        store.Orders.TryRegister(Limit("pending"));
        store.Orders.TryRegister(Limit("ambiguous", status: OrderStatus.Ambiguous, ts: T0.AddSeconds(1)));
        store.Orders.TryRegister(Limit("open", status: OrderStatus.Open, ts: T0.AddSeconds(2)));
        store.Orders.TryRegister(Limit("filled", status: OrderStatus.Filled));
        store.Orders.TryRegister(Limit("rejected", status: OrderStatus.Rejected));

        Assert.Equal(["pending", "ambiguous", "open"], store.Orders.Working().Select(o => o.ClientOrderId));
        Assert.Equal(5, store.Orders.CreatedSince(T0).Count);
    }
}
