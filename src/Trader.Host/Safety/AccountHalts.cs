using Trader.State.Halts;

namespace Trader.Host.Safety;

/// <summary>The account-wide halts (scope <c>all</c>: kill switch, drawdown, daily/weekly stop) as the execution port re-reads them at send time.</summary>
public static class AccountHalts
{
    /// <summary>The gate of an active account-wide halt, or null when none is active.</summary>
    public static string? ActiveGate(HaltStore halts) =>
        halts.Active().FirstOrDefault(h => h.Scope == DrawdownMonitor.Scope)?.Gate;
}
