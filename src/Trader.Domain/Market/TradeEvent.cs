using Trader.Domain.Trading;

namespace Trader.Domain.Market;

/// <summary>One trade of a <c>market_trades</c> frame. <see cref="MakerSide"/> is the maker's side as Coinbase sends it.</summary>
public sealed record TradeEvent(
    string ProductId,
    string TradeId,
    decimal Price,
    decimal Size,
    OrderSide MakerSide,
    DateTimeOffset TsEvent,
    DateTimeOffset TsRecv) : MarketEvent(ProductId, TsEvent, TsRecv);
