using Trader.Host.Import;

namespace Trader.Host.Backtest;

/// <summary>
/// What <see cref="CandleFiles.Load"/> read: one series per product (ordered by product id), the SHA-256 of the
/// input files (<see cref="DataHash"/>), the data rows read and the bad rows skipped (counted by reason).
/// </summary>
public sealed record BacktestData(IReadOnlyList<BacktestSeries> Series, string DataHash, long Rows, ImportIssues Issues)
{
    public long Candles => Series.Sum(s => (long)s.Candles.Length);
}
