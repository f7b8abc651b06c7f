using Trader.State.Retention;

namespace Trader.Host.Retention;

/// <summary>What one purge removed: state rows per table (null when there was no database) and log files.</summary>
public sealed record RetentionOutcome(DateTimeOffset Cutoff, RetentionReport? State, int LogFiles)
{
    public string Summary() => State is { } s
        ? $"{s.JournalEntries} journal entries, {s.Alerts} alerts, {s.Orders} closed orders, {s.Fills} fills, {s.Halts} cleared halts, " +
          $"{s.Cooldowns} expired cooldowns, {s.Evidence} evidence records, {s.EquityMarks} equity marks, {LogFiles} log files"
        : $"no state database; {LogFiles} log files";
}
