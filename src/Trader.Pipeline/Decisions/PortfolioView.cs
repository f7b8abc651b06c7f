using Trader.Domain.Portfolio;
using Trader.Domain.Risk;

namespace Trader.Pipeline.Decisions;

/// <summary>What the order manager knows at the start of a cycle: account, working orders, cooldowns, recent trades, safety gates.</summary>
public sealed record PortfolioView(
    PortfolioState Portfolio,
    IReadOnlyList<WorkingOrder> WorkingOrders,
    IReadOnlyList<Cooldown> Cooldowns,
    IReadOnlyList<TradeRecord> RecentTrades,
    SafetyState Safety);
