using Trader.Domain.Portfolio;
using Trader.Domain.Risk;
using Trader.Pipeline.Decisions;

namespace Trader.Pipeline.Tests.Decisions;

/// <summary>A portfolio source whose view a test sets between cycles (the order manager's role).</summary>
internal sealed class SettablePortfolioSource : IPortfolioSource
{
    public PortfolioView View { get; set; } = new(PortfolioState.AllCash(10_000m), [], [], [], SafetyState.Clear);

    public PortfolioView Current(DateTimeOffset now) => View;
}
