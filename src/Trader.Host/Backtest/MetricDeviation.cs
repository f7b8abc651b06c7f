namespace Trader.Host.Backtest;

/// <summary>One metric of a baseline comparison: old and new value, deviation in percent, and whether it is within the limit.</summary>
public sealed record MetricDeviation(string Name, decimal Old, decimal New, decimal DeviationPct, bool WithinLimit);
