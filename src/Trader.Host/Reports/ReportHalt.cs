namespace Trader.Host.Reports;

/// <summary>
/// One halt episode (CONTRACTS.md §6): <see cref="Gate"/> is the guard (<c>staleness</c>, <c>product_health</c>,
/// <c>feed_down</c>, …), <see cref="Scope"/> the product id or <c>all</c>, <see cref="Reason"/> the reason code the
/// gate blocks with; <see cref="ClearedTs"/> is null when the episode was still open at the end.
/// </summary>
public sealed record ReportHalt(DateTimeOffset Ts, string Gate, string Scope, string Reason, DateTimeOffset? ClearedTs);
