namespace Trader.Host.Execution;

/// <summary>An order as the venue reports it (cumulative filled size; a reason when it failed or was cancelled).</summary>
public sealed record VenueOrderState(string VenueOrderId, string? ClientOrderId, VenueOrderStatus Status, decimal FilledSize, string? Reason);
