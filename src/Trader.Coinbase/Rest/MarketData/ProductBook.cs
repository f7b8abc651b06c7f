namespace Trader.Coinbase.Rest.MarketData;

/// <summary><c>GET /product_book</c>: the book and, when the venue sends them, last, mid and spread.</summary>
public sealed record ProductBook(PriceBook Pricebook, decimal? Last, decimal? MidMarket, decimal? SpreadBps, decimal? SpreadAbsolute);
