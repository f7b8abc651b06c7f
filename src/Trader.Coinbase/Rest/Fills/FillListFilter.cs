namespace Trader.Coinbase.Rest.Fills;

/// <summary>Filters of <c>GET /orders/historical/fills</c>; null means "not filtered".</summary>
public sealed record FillListFilter(
    IReadOnlyList<string>? OrderIds = null,
    IReadOnlyList<string>? ProductIds = null,
    DateTimeOffset? Start = null,
    DateTimeOffset? End = null);
