namespace Trader.Host.Reports;

/// <summary>One alert notification as the report lists it (CONTRACTS.md §6): first raise, escalation or resolution.</summary>
public sealed record ReportAlert(DateTimeOffset Ts, string Kind, string Severity, string? ProductId, string Message, bool Escalated);
