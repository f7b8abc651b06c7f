using Trader.Pipeline.Decisions;

namespace Trader.Bench.Decisions;

/// <summary>A flat account that never changes (DRY_RUN orders do not fill).</summary>
internal sealed class FixedAccount(PortfolioView view) : IPortfolioSource
{
    public PortfolioView Current(DateTimeOffset now) => view;
}
