using Trader.Domain.Trading;

namespace Trader.Host.ClockSync;

/// <summary>
/// Where the clock-sync gate applies (CONTRACTS.md §2): runs on the real clock whose feed or venue is Coinbase.
/// A replay feed runs on virtual time and a simulator venue is a simulator run: both exempt. Otherwise LIVE
/// enforces and PAPER/DRY_RUN warn.
/// </summary>
public static class ClockGateScope
{
    /// <param name="feed">The <c>--feed</c> value: <c>coinbase</c> or <c>replay:FILE</c>.</param>
    /// <param name="venue">The <c>--venue</c> value, null for the mode's default (none, <c>paper</c>, <c>coinbase</c>).</param>
    public static ClockGateAction For(TradingMode mode, string feed, string? venue)
    {
        var resolvedVenue = venue ?? DefaultVenue(mode);
        if (feed.StartsWith("replay:", StringComparison.Ordinal) || IsSimulator(resolvedVenue)) return ClockGateAction.Exempt;
        var coinbase = feed == "coinbase" || resolvedVenue == "coinbase";
        if (!coinbase) return ClockGateAction.Exempt;
        return mode == TradingMode.Live ? ClockGateAction.Enforce : ClockGateAction.Warn;
    }

    public static string? DefaultVenue(TradingMode mode) => mode switch
    {
        TradingMode.Paper => "paper",
        TradingMode.Live => "coinbase",
        _ => null,
    };

    public static bool IsSimulator(string? venue) => venue is not null && (venue == "sim" || venue.StartsWith("sim:", StringComparison.Ordinal));
}
