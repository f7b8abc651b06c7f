namespace Trader.Pipeline.Decisions;

/// <summary>
/// The port through which the snapshot stage reads the account (implemented by the order manager). Must return
/// a consistent copy: the decision treats it as frozen for the cycle.
/// </summary>
public interface IPortfolioSource
{
    PortfolioView Current(DateTimeOffset now);
}
