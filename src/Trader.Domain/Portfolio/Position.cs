namespace Trader.Domain.Portfolio;

/// <summary>
/// An open long: base size and average cost, when it was opened and the exit parameters of the rule that
/// opened it (null = the policy's risk.stop_loss_pct / risk.take_profit_pct, no maximum hold).
/// </summary>
public sealed record Position(
    string ProductId,
    decimal Size,
    decimal AvgCost,
    DateTimeOffset OpenedAt,
    decimal? StopLossPct = null,
    decimal? TakeProfitPct = null,
    TimeSpan? MaxHold = null);
