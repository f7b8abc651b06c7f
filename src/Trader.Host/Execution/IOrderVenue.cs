namespace Trader.Host.Execution;

/// <summary>
/// Where orders go (CONTRACTS.md §2): Coinbase or the simulator (<see cref="CoinbaseVenue"/>) and the in-process paper
/// venue (<see cref="PaperVenue"/>). DRY_RUN has no venue. Calls never throw for venue problems (only for the caller's
/// cancellation): every failure is a value with a reason.
/// </summary>
public interface IOrderVenue
{
    /// <summary>A short name for logs and audit records: <c>coinbase</c>, <c>sim</c>, <c>paper</c>.</summary>
    string Name { get; }

    Task<VenuePreview> PreviewAsync(VenueOrderRequest request, CancellationToken cancellationToken);

    /// <summary>Places the order under its client order id; idempotent for that id (a retry never makes a second order).</summary>
    Task<VenuePlacement> PlaceAsync(VenueOrderRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// Looks an order up by venue order id when known, else by client order id among the product's orders since
    /// <paramref name="sentAfter"/>.
    /// </summary>
    Task<VenueLookup> FindAsync(string productId, string clientOrderId, string? venueOrderId, DateTimeOffset sentAfter, CancellationToken cancellationToken);

    Task<VenueFills> FillsAsync(string venueOrderId, CancellationToken cancellationToken);

    /// <summary>Cancels several orders in one request.</summary>
    Task<IReadOnlyList<VenueCancel>> CancelAsync(IReadOnlyList<string> venueOrderIds, CancellationToken cancellationToken);
}
