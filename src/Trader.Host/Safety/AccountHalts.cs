using Trader.State.Halts;

namespace Trader.Host.Safety;

/// <summary>The account-wide halts (scope <c>all</c>: kill switch, drawdown, daily/weekly stop) as execution and the peak trackers read them.</summary>
public static class AccountHalts
{
    /// <summary>The gate of an active account-wide halt, or null when none is active.</summary>
    public static string? ActiveGate(HaltStore halts) =>
        halts.Active().FirstOrDefault(h => h.Scope == DrawdownMonitor.Scope)?.Gate;

    /// <summary>
    /// When an operator last released a drawdown halt activated since <paramref name="since"/> (null if none): the
    /// high-water mark restarts there, for the monitor and the portfolio alike.
    /// </summary>
    public static DateTimeOffset? LastDrawdownRelease(HaltStore halts, DateTimeOffset since) =>
        halts.ActivatedSince(since)
            .Where(h => h.Gate == DrawdownMonitor.DrawdownGate && h.ClearedTs is not null)
            .Select(h => h.ClearedTs)
            .Max();
}
