namespace Trader.Coinbase.Rest.MarketData;

internal sealed record CandlesResponse(IReadOnlyList<CoinbaseCandle>? Candles);
