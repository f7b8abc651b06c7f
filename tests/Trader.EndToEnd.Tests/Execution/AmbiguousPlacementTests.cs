using Trader.Domain.Market;
using Trader.Domain.Sizing;
using Trader.Domain.Trading;
using Trader.Host.Execution;
using Trader.State.Orders;
using Trader.State.Storage;
using Trader.Testing;

namespace Trader.EndToEnd.Tests.Execution;

/// <summary>
/// An answer lost for good (the venue booked the order but neither the create nor any lookup came back): the order is
/// ambiguous, an order_ambiguous alert is raised, and the next reconciliation finds it by client order id.
/// </summary>
public sealed class AmbiguousPlacementTests
{
    private static readonly ProductInfo Btc = new("BTC-USD", "BTC", "USD", 0.00000001m, 0.01m, 0.01m, 0.00000001m, 1m);

    [Fact]
    [Trait("Req", "REQ-X1")]
    public async Task A_lost_answer_makes_the_order_ambiguous_raises_the_alert_and_a_later_lookup_resolves_it()
    {
        using var dir = new TempDir("ambiguous");
        var clock = VirtualTime.Create();
        using var state = StateStore.Open(dir.File("state.db"));
        var venue = new PartitionedVenue();
        var alerts = new List<OrderAmbiguous>();
        var settings = new ExecutionSettings("trdr", TradingMode.Live, ExecutionOrderType.LimitPostOnly, TimeSpan.FromMinutes(60), TimeSpan.FromMinutes(120));
        var sizer = new OrderSizer(40m, 60m, 1m);
        var manager = new OrderManager(state, venue, sizer, settings, clock.TimeProvider, _ => Btc, alerts.Add);

        var result = await manager.SubmitAsync(ExecutionHarness.Approve(sizer.SizeBuy(Btc, 100m, 100m, 59000m, LiquidityRole.Maker).Order!), 1, CancellationToken.None);

        Assert.Equal(OrderStatus.Ambiguous, result.Status);
        var alert = Assert.Single(alerts);
        Assert.Equal(result.ClientOrderId, alert.ClientOrderId);
        Assert.Equal(OrderStatus.Ambiguous, state.Orders.Get(result.ClientOrderId!)!.Status);
        Assert.Equal(1, venue.Sends); // never re-sent

        var unreachable = await manager.ReconcileWorkingAsync(2, CancellationToken.None);
        Assert.Equal(1, unreachable.Unresolved); // lookups still failing: nothing concluded

        venue.Healed = true;
        var summary = await manager.ReconcileWorkingAsync(3, CancellationToken.None);
        Assert.Equal(1, summary.StillOpen);
        var row = state.Orders.Get(result.ClientOrderId!)!;
        Assert.Equal(OrderStatus.Open, row.Status);
        Assert.Equal("venue-1", row.VenueOrderId);
        Assert.Equal(1, venue.Sends);
    }

    /// <summary>A venue that books the order but whose answers are lost until <see cref="Healed"/>.</summary>
    private sealed class PartitionedVenue : IOrderVenue
    {
        private string? _booked;

        public bool Healed { get; set; }
        public int Sends { get; private set; }
        public string Name => "partitioned";

        public Task<VenuePreview> PreviewAsync(VenueOrderRequest request, CancellationToken cancellationToken) =>
            Task.FromResult(new VenuePreview(true, null, null, null));

        public Task<VenuePlacement> PlaceAsync(VenueOrderRequest request, CancellationToken cancellationToken)
        {
            Sends++;
            _booked = request.ClientOrderId;
            return Task.FromResult(new VenuePlacement(VenuePlacementKind.Ambiguous, null, "lookup failed: Timeout"));
        }

        public Task<VenueLookup> FindAsync(string productId, string clientOrderId, string? venueOrderId, DateTimeOffset sentAfter, CancellationToken cancellationToken) =>
            Task.FromResult(!Healed ? VenueLookup.Unavailable("Timeout")
                : clientOrderId == _booked ? VenueLookup.Found(new VenueOrderState("venue-1", clientOrderId, VenueOrderStatus.Open, 0m, null))
                : VenueLookup.NotFound);

        public Task<VenueFills> FillsAsync(string venueOrderId, CancellationToken cancellationToken) => Task.FromResult(new VenueFills([], null));

        public Task<IReadOnlyList<VenueCancel>> CancelAsync(IReadOnlyList<string> venueOrderIds, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<VenueCancel>>([]);
    }
}
