namespace Trader.State.Equity;

/// <summary>The portfolio's net asset value at one instant (for drawdown and daily/weekly stops).</summary>
public sealed record EquityMark(DateTimeOffset Ts, decimal Nav);
