namespace Trader.Domain.Market;

/// <summary>An <c>l2_data</c> event for one product: a full snapshot or a batch of absolute-size updates.</summary>
public sealed record BookEvent(
    string ProductId,
    bool IsSnapshot,
    IReadOnlyList<BookLevel> Levels,
    DateTimeOffset TsEvent,
    DateTimeOffset TsRecv) : MarketEvent(ProductId, TsEvent, TsRecv);
