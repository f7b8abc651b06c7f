namespace Trader.Coinbase.Rest.Orders;

/// <summary>Filters of <c>GET /orders/historical/batch</c>; null means "not filtered".</summary>
public sealed record OrderListFilter(
    IReadOnlyList<string>? ProductIds = null,
    IReadOnlyList<string>? OrderStatuses = null,
    DateTimeOffset? StartDate = null,
    DateTimeOffset? EndDate = null);
