using Trader.Host.Execution;

namespace Trader.EndToEnd.Tests.Safety;

/// <summary>
/// A venue whose batch cancel is held back <see cref="Delay"/> on the test's clock before it reaches the real venue:
/// the slow path of a late-deadline variant (everything else passes straight through).
/// </summary>
internal sealed class DelayedCancelVenue(IOrderVenue inner, TimeSpan delay, TimeProvider time) : IOrderVenue
{
    private readonly TaskCompletionSource _held = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TimeSpan Delay { get; } = delay;

    /// <summary>Completes once a batch cancel is being held back (its delay is on the clock).</summary>
    public Task Held => _held.Task;

    public string Name => inner.Name;

    public Task<VenuePreview> PreviewAsync(VenueOrderRequest request, CancellationToken cancellationToken) => inner.PreviewAsync(request, cancellationToken);

    public Task<VenuePlacement> PlaceAsync(VenueOrderRequest request, CancellationToken cancellationToken) => inner.PlaceAsync(request, cancellationToken);

    public Task<VenueLookup> FindAsync(string productId, string clientOrderId, string? venueOrderId, DateTimeOffset sentAfter, CancellationToken cancellationToken) =>
        inner.FindAsync(productId, clientOrderId, venueOrderId, sentAfter, cancellationToken);

    public Task<VenueFills> FillsAsync(string venueOrderId, CancellationToken cancellationToken) => inner.FillsAsync(venueOrderId, cancellationToken);

    public async Task<IReadOnlyList<VenueCancel>> CancelAsync(IReadOnlyList<string> venueOrderIds, CancellationToken cancellationToken)
    {
        var delay = Task.Delay(Delay, time, cancellationToken); // realtime-ok: on the test's virtual clock, which the test advances
        _held.TrySetResult();
        await delay;
        return await inner.CancelAsync(venueOrderIds, cancellationToken);
    }
}
