using Trader.Domain.Market;

namespace Trader.Pipeline.Candles;

/// <summary>A closed one-minute candle of one product (it had at least one trade).</summary>
public readonly record struct ProductCandle(string ProductId, Candle Candle);
