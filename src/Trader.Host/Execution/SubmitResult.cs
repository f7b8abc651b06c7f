using Trader.State.Orders;

namespace Trader.Host.Execution;

/// <summary>
/// What became of an approved order: its client order id (null when it was refused before an id was registered), its
/// status after placement and the first reconciliation, the venue order id when known, and a reason when not placed.
/// </summary>
public sealed record SubmitResult(string? ClientOrderId, OrderStatus Status, string? VenueOrderId, string? Reason);
