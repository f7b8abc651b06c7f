namespace Trader.Host.Backtest;

/// <summary>
/// One round trip of the report's <c>trades</c> (CONTRACTS.md §6): a long from the first buy fill until it is
/// flat again. <see cref="Size"/> is the base bought, prices are size-weighted averages, <see cref="Fees"/> every
/// fill's fee, <see cref="Pnl"/> net of fees. A position still open at the end has no exit time, the last mark
/// as exit price and exit reason <c>open</c>.
/// </summary>
public sealed record BacktestTrade(
    string ProductId,
    DateTimeOffset EntryTs,
    DateTimeOffset? ExitTs,
    string Side,
    decimal Size,
    decimal EntryPrice,
    decimal ExitPrice,
    decimal Fees,
    decimal Pnl,
    string EntryReason,
    string ExitReason);
