using Trader.Host.Execution;

namespace Trader.Host.Tests.Execution;

/// <summary>A venue that runs <paramref name="onCancel"/> when a cancel is sent (something happening while it is in flight), then cancels.</summary>
internal sealed class CancelHookVenue(IOrderVenue inner, Action onCancel) : IOrderVenue
{
    public string Name => inner.Name;

    public Task<VenuePreview> PreviewAsync(VenueOrderRequest request, CancellationToken cancellationToken) => inner.PreviewAsync(request, cancellationToken);

    public Task<VenuePlacement> PlaceAsync(VenueOrderRequest request, CancellationToken cancellationToken) => inner.PlaceAsync(request, cancellationToken);

    public Task<VenueLookup> FindAsync(string productId, string clientOrderId, string? venueOrderId, DateTimeOffset sentAfter, CancellationToken cancellationToken) =>
        inner.FindAsync(productId, clientOrderId, venueOrderId, sentAfter, cancellationToken);

    public Task<VenueFills> FillsAsync(string venueOrderId, CancellationToken cancellationToken) => inner.FillsAsync(venueOrderId, cancellationToken);

    public Task<IReadOnlyList<VenueCancel>> CancelAsync(IReadOnlyList<string> venueOrderIds, CancellationToken cancellationToken)
    {
        onCancel();
        return inner.CancelAsync(venueOrderIds, cancellationToken);
    }
}
