using Trader.Domain.Market;
using Trader.Domain.Portfolio;
using Trader.Domain.Regime;
using Trader.Domain.Risk;
using Trader.Domain.Triggers;

namespace Trader.Domain.Decisions;

/// <summary>
/// Everything one decision cycle sees, frozen: "now" (the clock's time at the start of the cycle; the policy
/// never reads a clock), the cycle id, each product's market view and current indicator values, the portfolio,
/// working orders, cooldowns, recent trades, the safety state and the BTC-USD regime reading. The same snapshot
/// always gives the same <see cref="Decision"/>.
/// </summary>
public sealed record DecisionSnapshot(
    DateTimeOffset Now,
    long CycleId,
    IReadOnlyDictionary<string, ProductMarketView> Markets,
    IReadOnlyDictionary<string, IndicatorReading> Indicators,
    PortfolioState Portfolio,
    IReadOnlyList<WorkingOrder> WorkingOrders,
    IReadOnlyList<Cooldown> Cooldowns,
    IReadOnlyList<TradeRecord> RecentTrades,
    SafetyState Safety,
    RegimeReading Regime);
