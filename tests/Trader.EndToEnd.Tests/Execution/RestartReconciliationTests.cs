using Trader.Coinbase.Rest.Orders;
using Trader.Domain.Sizing;
using Trader.Domain.Trading;
using Trader.Host.Execution;
using Trader.State.Orders;

namespace Trader.EndToEnd.Tests.Execution;

/// <summary>NFR-R1: a restart reconciles every working order with the venue before trading; nothing is duplicated.</summary>
public sealed class RestartReconciliationTests
{
    [Fact]
    [Trait("Req", "NFR-R1")]
    [Trait("Req", "REQ-X1")]
    public async Task After_a_crash_every_working_order_is_reconciled_with_the_venue_and_none_is_duplicated()
    {
        await using var h = await ExecutionHarness.StartAsync();
        var manager = h.Manager(ExecutionOrderType.LimitPostOnly);

        // An order placed normally, then cancelled on the venue while we were down.
        var resting = await h.Run(() => manager.SubmitAsync(ExecutionHarness.Approve(h.Buy(100m, 59000m, LiquidityRole.Maker)), 1, CancellationToken.None));
        Assert.Equal(OrderStatus.Open, resting.Status);
        Assert.True((await h.Run(() => h.Client.CancelOrdersAsync([resting.VenueOrderId!]))).Value.Single().Success);

        // Crash between persist and send: the row exists, the venue never heard of it.
        var neverSent = Register(h, "trdr-BTCUSD-1736164800000-00aa01", OrderStatus.PendingSubmit, "limit_post_only", 0.002m, 55000m);

        // Crash after send, before the answer was recorded: a market buy that filled at once.
        var filledWhileDown = Register(h, "trdr-BTCUSD-1736164800000-00aa02", OrderStatus.PendingSubmit, "market_ioc", 0.001m, null);
        var sent = await h.Run(() => h.Client.CreateOrderAsync(new CreateOrderRequest(filledWhileDown, ExecutionHarness.Product, OrderSide.Buy,
            OrderConfiguration.MarketBase(0.001m))));
        Assert.True(sent.IsOk);

        // Ambiguous when we went down (answer lost), but the venue booked it and it rests.
        var ambiguous = Register(h, "trdr-BTCUSD-1736164800000-00aa03", OrderStatus.Ambiguous, "limit_post_only", 0.002m, 55000m);
        Assert.True((await h.Run(() => h.Client.CreateOrderAsync(new CreateOrderRequest(ambiguous, ExecutionHarness.Product, OrderSide.Buy,
            OrderConfiguration.LimitGtc(0.002m, 55000m, postOnly: true))))).IsOk);

        // Restart: a new process opens the same database and reconciles before its first cycle.
        h.ReopenState();
        var restarted = h.Manager(ExecutionOrderType.LimitPostOnly, new Random(99));
        var summary = await h.Run(() => restarted.ReconcileOnStartAsync(CancellationToken.None));

        Assert.Equal(new ReconcileSummary(Checked: 4, Filled: 1, Cancelled: 1, Rejected: 1, StillOpen: 1, Unresolved: 0, FillsRecorded: 1, OpenPositions: 1), summary);
        Assert.Equal(OrderStatus.Cancelled, h.State.Orders.Get(resting.ClientOrderId!)!.Status);
        var rejected = h.State.Orders.Get(neverSent)!;
        Assert.Equal(OrderStatus.Rejected, rejected.Status);
        Assert.Equal(OrderManager.NeverReachedVenue, rejected.StatusReason);
        var filled = h.State.Orders.Get(filledWhileDown)!;
        Assert.Equal(OrderStatus.Filled, filled.Status);
        Assert.Equal(0.001m, filled.FilledSize);
        Assert.Equal(sent.Value.OrderId, filled.VenueOrderId);
        Assert.Equal(0.001m, h.State.Positions.Get(ExecutionHarness.Product)!.BaseSize);
        var open = h.State.Orders.Get(ambiguous)!;
        Assert.Equal(OrderStatus.Open, open.Status);
        Assert.NotNull(open.VenueOrderId);

        // A second pass changes nothing, and the venue holds exactly one order per client order id (none re-sent).
        var again = await h.Run(() => restarted.ReconcileOnStartAsync(CancellationToken.None));
        Assert.Equal(new ReconcileSummary(1, 0, 0, 0, 1, 0, 0, 1), again);
        var venue = await h.VenueOrdersAsync();
        Assert.Equal(3, venue.Count);
        Assert.All(venue.GroupBy(o => o.ClientOrderId), g => Assert.Single(g));
        Assert.DoesNotContain(venue, o => o.ClientOrderId == neverSent);
    }

    private static string Register(ExecutionHarness h, string clientOrderId, OrderStatus status, string type, decimal size, decimal? price)
    {
        var now = h.Clock.Now;
        Assert.True(h.State.Orders.TryRegister(new OrderRecord
        {
            ClientOrderId = clientOrderId,
            ProductId = ExecutionHarness.Product,
            Side = OrderSide.Buy,
            OrderType = type,
            Price = price,
            Size = size,
            Status = status,
            Mode = TradingMode.Live,
            CreatedTs = now,
            UpdatedTs = now,
        }));
        return clientOrderId;
    }
}
