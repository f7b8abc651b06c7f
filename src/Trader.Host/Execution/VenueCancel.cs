namespace Trader.Host.Execution;

/// <summary>The venue's answer to cancelling one order (verified afterwards by reading the order back).</summary>
public sealed record VenueCancel(string VenueOrderId, bool Accepted, string? Reason);
