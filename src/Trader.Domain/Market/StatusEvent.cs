namespace Trader.Domain.Market;

/// <summary>A product of a <c>status</c> frame: its trading status and, where sent, its increments.</summary>
public sealed record StatusEvent(
    string ProductId,
    ProductStatus Status,
    string? StatusMessage,
    ProductInfo? Info,
    DateTimeOffset TsEvent,
    DateTimeOffset TsRecv) : MarketEvent(ProductId, TsEvent, TsRecv);
