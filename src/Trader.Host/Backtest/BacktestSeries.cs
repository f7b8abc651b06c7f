using Trader.Domain.Market;

namespace Trader.Host.Backtest;

/// <summary>The one-minute candles of one product, sorted by start, no duplicates, volume in base units.</summary>
public sealed record BacktestSeries(string ProductId, Candle[] Candles);
