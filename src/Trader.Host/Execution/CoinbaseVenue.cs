using Trader.Coinbase.Rest;
using Trader.Coinbase.Rest.Fills;
using Trader.Coinbase.Rest.Orders;
using Trader.Coinbase.Retry;
using Trader.State.Fills;

namespace Trader.Host.Execution;

/// <summary>
/// The Advanced Trade REST venue: real Coinbase (<c>--venue coinbase</c>) or the simulator (<c>--venue sim[:URL]</c>),
/// which differ only by the client's base URL. Placement goes through <see cref="OrderPlacer"/> (REQ-CB1 retries,
/// ambiguity resolved by client-order-id lookup, never a blind re-send).
/// </summary>
public sealed class CoinbaseVenue : IOrderVenue
{
    private readonly CoinbaseRestClient _client;
    private readonly OrderPlacer _placer;

    public CoinbaseVenue(CoinbaseRestClient client, string name = "coinbase")
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
        _placer = new OrderPlacer(client);
        Name = name;
    }

    public string Name { get; }

    public async Task<VenuePreview> PreviewAsync(VenueOrderRequest request, CancellationToken cancellationToken)
    {
        var result = await _client.PreviewOrderAsync(request.ProductId, request.Side, Configuration(request), cancellationToken).ConfigureAwait(false);
        return result.TryGetValue(out var preview)
            ? new VenuePreview(true, null, preview.OrderTotal, preview.CommissionTotal)
            : VenuePreview.Refused(Reason(result.Failure));
    }

    public async Task<VenuePlacement> PlaceAsync(VenueOrderRequest request, CancellationToken cancellationToken)
    {
        var outcome = await _placer.CreateOrderResolvingAsync(
            new CreateOrderRequest(request.ClientOrderId, request.ProductId, request.Side, Configuration(request)), cancellationToken).ConfigureAwait(false);
        var kind = outcome.Kind switch
        {
            OrderPlacementKind.Placed => VenuePlacementKind.Placed,
            OrderPlacementKind.Rejected => VenuePlacementKind.Rejected,
            _ => VenuePlacementKind.Ambiguous,
        };
        var reason = outcome.Reason ?? (kind == VenuePlacementKind.Placed ? null : outcome.LastFailure?.ToString());
        return new VenuePlacement(kind, outcome.OrderId, reason);
    }

    public async Task<VenueLookup> FindAsync(
        string productId, string clientOrderId, string? venueOrderId, DateTimeOffset sentAfter, CancellationToken cancellationToken)
    {
        if (venueOrderId is not null)
        {
            var byId = await _client.GetOrderAsync(venueOrderId, cancellationToken).ConfigureAwait(false);
            if (byId.TryGetValue(out var order)) return VenueLookup.Found(State(order));
            return byId.Failure.Kind == RestFailureKind.NotFound ? VenueLookup.NotFound : VenueLookup.Unavailable(Reason(byId.Failure));
        }

        var found = await _client.FindOrderByClientOrderIdAsync(productId, clientOrderId, sentAfter, cancellationToken).ConfigureAwait(false);
        if (!found.TryGetValue(out var match)) return VenueLookup.Unavailable(Reason(found.Failure));
        return match is null ? VenueLookup.NotFound : VenueLookup.Found(State(match));
    }

    public async Task<VenueFills> FillsAsync(string venueOrderId, CancellationToken cancellationToken)
    {
        var result = await _client.ListFillsAsync(new FillListFilter(OrderIds: [venueOrderId]), cancellationToken).ConfigureAwait(false);
        if (!result.TryGetValue(out var fills)) return new VenueFills(null, Reason(result.Failure));
        var mapped = new List<VenueFill>(fills.Count);
        foreach (var fill in fills)
        {
            if (!string.Equals(fill.OrderId, venueOrderId, StringComparison.Ordinal)) continue;
            // A fill sized in quote currency (market buys by quote size) is converted to base size at its price.
            var size = fill.SizeInQuote ? fill.Size / fill.Price : fill.Size;
            mapped.Add(new VenueFill(fill.TradeId, fill.Price, size, fill.Commission, LiquidityOf(fill.LiquidityIndicator), fill.TradeTime));
        }
        return new VenueFills(mapped, null);
    }

    public async Task<IReadOnlyList<VenueCancel>> CancelAsync(IReadOnlyList<string> venueOrderIds, CancellationToken cancellationToken)
    {
        var result = await _client.CancelOrdersAsync(venueOrderIds, cancellationToken).ConfigureAwait(false);
        if (!result.TryGetValue(out var answers))
            return venueOrderIds.Select(id => new VenueCancel(id, false, Reason(result.Failure))).ToList();
        return answers.Select(a => new VenueCancel(a.OrderId, a.Success, a.FailureReason)).ToList();
    }

    internal static OrderConfiguration Configuration(VenueOrderRequest request) => request.Type switch
    {
        ExecutionOrderType.MarketIoc => OrderConfiguration.MarketBase(request.BaseSize),
        ExecutionOrderType.LimitIoc => OrderConfiguration.LimitIoc(request.BaseSize, request.LimitPrice),
        _ => OrderConfiguration.LimitGtc(request.BaseSize, request.LimitPrice, postOnly: true),
    };

    private static VenueOrderState State(CoinbaseOrder order)
    {
        var status = order.Status.ToUpperInvariant() switch
        {
            "FILLED" => VenueOrderStatus.Filled,
            "CANCELLED" => VenueOrderStatus.Cancelled,
            "EXPIRED" => VenueOrderStatus.Expired,
            "FAILED" => VenueOrderStatus.Failed,
            _ => VenueOrderStatus.Open, // OPEN, PENDING, QUEUED, CANCEL_QUEUED, UNKNOWN_ORDER_STATUS: may still trade
        };
        var reason = status switch
        {
            VenueOrderStatus.Failed => order.RejectReason ?? order.RejectMessage ?? "FAILED",
            VenueOrderStatus.Cancelled => string.IsNullOrEmpty(order.CancelMessage) ? "cancelled by the venue" : order.CancelMessage,
            _ => null,
        };
        return new VenueOrderState(order.OrderId, order.ClientOrderId, status, order.FilledSize ?? 0m, reason);
    }

    private static Liquidity LiquidityOf(string? indicator) => indicator?.ToUpperInvariant() switch
    {
        "MAKER" => Liquidity.Maker,
        "TAKER" => Liquidity.Taker,
        _ => Liquidity.Unknown,
    };

    private static string Reason(RestFailure failure) => failure.ErrorCode ?? failure.Kind.ToString();
}
