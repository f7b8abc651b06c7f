namespace Trader.Host.Execution;

/// <summary>The answer to a placement: the venue order id when placed, a reason otherwise.</summary>
public sealed record VenuePlacement(VenuePlacementKind Kind, string? VenueOrderId, string? Reason);
