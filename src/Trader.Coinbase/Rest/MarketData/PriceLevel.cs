namespace Trader.Coinbase.Rest.MarketData;

public sealed record PriceLevel(decimal Price, decimal Size);
