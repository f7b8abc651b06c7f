using Trader.Domain.Market;
using Trader.Domain.Portfolio;
using Trader.Domain.Risk;
using Trader.Pipeline.Decisions;
using Trader.Pipeline.Safety;

namespace Trader.Host.Runtime;

/// <summary>
/// What DRY_RUN decides against: a notional all-cash book of <c>backtest.initial_capital_usd</c> (DRY_RUN sends no
/// orders, so it never holds a position or a working order), with the live kill switch in its safety state so a
/// halted service proposes nothing (NFR-S1).
/// </summary>
public sealed class DryRunPortfolioSource(decimal notionalEquity, KillSwitch killSwitch, Func<ProductHealth>? exchangeHealth = null) : IPortfolioSource
{
    public PortfolioView Current(DateTimeOffset now) => new(
        PortfolioState.AllCash(notionalEquity),
        [],
        [],
        [],
        new SafetyState(killSwitch.IsActive, exchangeHealth?.Invoke() ?? ProductHealth.Online));
}
