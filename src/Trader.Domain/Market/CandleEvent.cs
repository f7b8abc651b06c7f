namespace Trader.Domain.Market;

/// <summary>A bar of the <c>candles</c> channel (Coinbase sends five-minute bars, updated every second).</summary>
public sealed record CandleEvent(
    string ProductId,
    DateTimeOffset Start,
    decimal Open,
    decimal High,
    decimal Low,
    decimal Close,
    decimal Volume,
    DateTimeOffset TsEvent,
    DateTimeOffset TsRecv) : MarketEvent(ProductId, TsEvent, TsRecv);
