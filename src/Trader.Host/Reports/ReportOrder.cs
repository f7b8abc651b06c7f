namespace Trader.Host.Reports;

/// <summary>One order of a report's <c>orders</c> list (CONTRACTS.md §6).</summary>
public sealed record ReportOrder(
    DateTimeOffset Ts,
    string ProductId,
    string Side,
    string ClientOrderId,
    string Type,
    decimal Price,
    decimal Size,
    string Status);
