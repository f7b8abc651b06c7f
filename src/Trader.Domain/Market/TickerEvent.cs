namespace Trader.Domain.Market;

/// <summary>One ticker of a <c>ticker</c> / <c>ticker_batch</c> frame. Best bid/ask are optional on the wire (0 when absent).</summary>
public sealed record TickerEvent(
    string ProductId,
    decimal Price,
    decimal BestBid,
    decimal BestBidQuantity,
    decimal BestAsk,
    decimal BestAskQuantity,
    decimal Volume24h,
    DateTimeOffset TsEvent,
    DateTimeOffset TsRecv) : MarketEvent(ProductId, TsEvent, TsRecv)
{
    public bool HasBook => BestBid > 0m && BestAsk > 0m;
}
