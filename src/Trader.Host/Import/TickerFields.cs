namespace Trader.Host.Import;

/// <summary>The values of one ticker.</summary>
public sealed record TickerFields(
    string ProductId,
    decimal Price,
    decimal Volume24h,
    decimal Low24h,
    decimal High24h,
    decimal Low52w,
    decimal High52w,
    decimal PricePercentChange24h,
    decimal BestBid,
    decimal BestBidQuantity,
    decimal BestAsk,
    decimal BestAskQuantity);
