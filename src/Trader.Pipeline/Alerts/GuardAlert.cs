namespace Trader.Pipeline.Alerts;

/// <summary>
/// A safety alert raised by a guard at <see cref="Ts"/> on the one clock. <see cref="Kind"/> is a CONTRACTS.md §7
/// alert kind (<c>staleness</c>, <c>product_health</c>, <c>feed_down</c>, …), <see cref="Reason"/> the reason code
/// the gate blocks with (<c>stale_quote</c>, <c>product_unhealthy</c>, …). <see cref="Resolved"/> marks the
/// recovery event that ends the episode opened by the matching unresolved alert. Delivery, dedupe and
/// escalation are built on top of this plain record.
/// </summary>
public sealed record GuardAlert(
    string Kind,
    AlertSeverity Severity,
    string? ProductId,
    string Reason,
    string Message,
    DateTimeOffset Ts,
    bool Resolved);
