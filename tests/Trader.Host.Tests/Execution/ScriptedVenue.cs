using Trader.Host.Execution;
using Trader.State.Fills;

namespace Trader.Host.Tests.Execution;

/// <summary>
/// An in-memory venue for what the simulator and the paper venue never do: partial fills of a resting order
/// (<see cref="Fill"/>) and cancels the venue does not confirm (<see cref="RefuseCancels"/>). Post-only orders rest;
/// IOC and market orders fill completely at their limit price as taker.
/// </summary>
internal sealed class ScriptedVenue(TimeProvider time) : IOrderVenue
{
    private readonly Dictionary<string, Order> _orders = new(StringComparer.Ordinal);
    private int _next;

    public string Name => "scripted";

    /// <summary>Cancels are answered "not cancelled" and the order stays open (a lost or refused cancel).</summary>
    public bool RefuseCancels { get; set; }

    /// <summary>Every request placed, in order.</summary>
    public List<VenueOrderRequest> Placed { get; } = [];

    public Task<VenuePreview> PreviewAsync(VenueOrderRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(new VenuePreview(true, null, request.BaseSize * request.LimitPrice, 0m));

    public Task<VenuePlacement> PlaceAsync(VenueOrderRequest request, CancellationToken cancellationToken)
    {
        if (_orders.Values.FirstOrDefault(o => o.Request.ClientOrderId == request.ClientOrderId) is { } existing)
            return Task.FromResult(new VenuePlacement(VenuePlacementKind.Placed, existing.Id, null));
        var order = new Order("scripted-" + ++_next, request);
        _orders[order.Id] = order;
        Placed.Add(request);
        if (request.Type != ExecutionOrderType.LimitPostOnly) Fill(order, request.BaseSize, request.LimitPrice, Liquidity.Taker);
        return Task.FromResult(new VenuePlacement(VenuePlacementKind.Placed, order.Id, null));
    }

    public Task<VenueLookup> FindAsync(string productId, string clientOrderId, string? venueOrderId, DateTimeOffset sentAfter, CancellationToken cancellationToken)
    {
        var order = venueOrderId is not null ? _orders.GetValueOrDefault(venueOrderId) : _orders.Values.FirstOrDefault(o => o.Request.ClientOrderId == clientOrderId);
        return Task.FromResult(order is null ? VenueLookup.NotFound
            : VenueLookup.Found(new VenueOrderState(order.Id, order.Request.ClientOrderId, order.Status, order.Fills.Sum(f => f.Size), null)));
    }

    public Task<VenueFills> FillsAsync(string venueOrderId, CancellationToken cancellationToken) =>
        Task.FromResult(new VenueFills(_orders.TryGetValue(venueOrderId, out var order) ? order.Fills.ToList() : [], null));

    public Task<IReadOnlyList<VenueCancel>> CancelAsync(IReadOnlyList<string> venueOrderIds, CancellationToken cancellationToken)
    {
        var answers = new List<VenueCancel>();
        foreach (var id in venueOrderIds)
        {
            if (RefuseCancels || !_orders.TryGetValue(id, out var order) || order.Status != VenueOrderStatus.Open)
            {
                answers.Add(new VenueCancel(id, false, RefuseCancels ? "timeout" : "UNKNOWN_CANCEL_ORDER"));
                continue;
            }
            order.Status = VenueOrderStatus.Cancelled;
            answers.Add(new VenueCancel(id, true, null));
        }
        return Task.FromResult<IReadOnlyList<VenueCancel>>(answers);
    }

    /// <summary>A maker fill of <paramref name="size"/> of a resting order at its limit price.</summary>
    public void Fill(string clientOrderId, decimal size)
    {
        var order = _orders.Values.Single(o => o.Request.ClientOrderId == clientOrderId);
        Fill(order, size, order.Request.LimitPrice, Liquidity.Maker);
    }

    private void Fill(Order order, decimal size, decimal price, Liquidity liquidity)
    {
        order.Fills.Add(new VenueFill($"{order.Id}-{order.Fills.Count + 1}", price, size, 0m, liquidity, time.GetUtcNow()));
        order.Status = order.Fills.Sum(f => f.Size) >= order.Request.BaseSize ? VenueOrderStatus.Filled : VenueOrderStatus.Open;
    }

    private sealed class Order(string id, VenueOrderRequest request)
    {
        public string Id { get; } = id;
        public VenueOrderRequest Request { get; } = request;
        public VenueOrderStatus Status { get; set; } = VenueOrderStatus.Open;
        public List<VenueFill> Fills { get; } = [];
    }
}
