namespace Trader.EndToEnd.Tests.Live;

/// <summary>One row of the state DB's <c>orders</c> table as the end-to-end probes read it.</summary>
public sealed record StateOrderRow(string ClientOrderId, string ProductId, string Side, string Status, string? VenueOrderId, decimal FilledSize);
