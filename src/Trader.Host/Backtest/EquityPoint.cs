namespace Trader.Host.Backtest;

/// <summary>The account after one cycle: net asset value marked at the quotes' mid, and the drawdown from the high-water mark.</summary>
public readonly record struct EquityPoint(DateTimeOffset Ts, decimal Nav, decimal DrawdownPct);
