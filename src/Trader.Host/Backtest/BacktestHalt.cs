namespace Trader.Host.Backtest;

/// <summary>An account-wide gate the decision reported active (max_drawdown, daily_stop_loss, …) from when to when.</summary>
public sealed record BacktestHalt(DateTimeOffset Ts, string Gate, DateTimeOffset? ClearedTs);
