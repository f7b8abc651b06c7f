namespace Trader.Coinbase.Rest.MarketData;

internal sealed record BestBidAskResponse(IReadOnlyList<PriceBook>? Pricebooks);
