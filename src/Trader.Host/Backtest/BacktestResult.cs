namespace Trader.Host.Backtest;

/// <summary>
/// Everything a backtest produced, before formatting: counts, the orders and trades, PnL, drawdown, exposure by
/// theme, rejections by reason code, halts, and the equity curve and theme exposure per cycle (for the HTML
/// report). Deterministic: a function of the data, the configuration and the seed only.
/// </summary>
public sealed record BacktestResult
{
    public required IReadOnlyList<string> Products { get; init; }
    public required DateTimeOffset Start { get; init; }
    public required DateTimeOffset End { get; init; }
    public long Candles { get; init; }
    public long Cycles { get; init; }
    public long Proposals { get; init; }
    public long Fills { get; init; }
    public required IReadOnlyDictionary<string, long> RejectedByReason { get; init; }
    public required IReadOnlyDictionary<string, long> UnfilledByReason { get; init; }
    public required IReadOnlyList<BacktestOrder> Orders { get; init; }
    public required IReadOnlyList<BacktestTrade> Trades { get; init; }
    public required IReadOnlyList<BacktestHalt> Halts { get; init; }
    public decimal InitialCapital { get; init; }
    public decimal FinalEquity { get; init; }
    public decimal GrossPnl { get; init; }
    public decimal Fees { get; init; }
    public decimal NetPnl { get; init; }
    public decimal RealizedPnl { get; init; }
    public decimal MaxDrawdownPct { get; init; }
    public required IReadOnlyDictionary<string, ThemeExposure> ExposureByTheme { get; init; }
    public required IReadOnlyList<EquityPoint> Equity { get; init; }
    /// <summary>Per theme, its exposure in percent of NAV at each point of <see cref="Equity"/>.</summary>
    public required IReadOnlyDictionary<string, float[]> ThemeExposureSeries { get; init; }
}
