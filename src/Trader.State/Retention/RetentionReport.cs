namespace Trader.State.Retention;

/// <summary>How many rows a purge deleted, per table.</summary>
public sealed record RetentionReport(
    DateTimeOffset Cutoff,
    int JournalEntries,
    int Alerts,
    int Fills,
    int Orders,
    int Halts,
    int Cooldowns,
    int Evidence,
    int EquityMarks)
{
    public int Total => JournalEntries + Alerts + Fills + Orders + Halts + Cooldowns + Evidence + EquityMarks;
}
