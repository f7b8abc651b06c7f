namespace Trader.Host.Backtest;

/// <summary>
/// The facts about a run that are not in <see cref="BacktestResult"/>: data rows read and rejected, the seed, the
/// configuration and data hashes, and the measured speed (wall time: never part of the digest).
/// </summary>
public sealed record BacktestRunInfo(long Rows, long BadRows, int Seed, string ConfigHash, string DataHash, double CandlesPerSecond);
