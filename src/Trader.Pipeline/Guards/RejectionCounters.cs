namespace Trader.Pipeline.Guards;

/// <summary>Ticks the outlier guard rejected, per reason. Safe to read while the guard writes.</summary>
public sealed class RejectionCounters
{
    private long _outlier;
    private long _wideSpread;

    public long Outlier => Interlocked.Read(ref _outlier);

    public long WideSpread => Interlocked.Read(ref _wideSpread);

    internal void Count(string reason)
    {
        if (reason == ReasonCodes.Outlier) Interlocked.Increment(ref _outlier);
        else if (reason == ReasonCodes.WideSpread) Interlocked.Increment(ref _wideSpread);
    }

    /// <summary>Counts keyed by reason code, zero counts left out.</summary>
    public IReadOnlyDictionary<string, long> Snapshot()
    {
        var result = new SortedDictionary<string, long>(StringComparer.Ordinal);
        if (Outlier > 0) result[ReasonCodes.Outlier] = Outlier;
        if (WideSpread > 0) result[ReasonCodes.WideSpread] = WideSpread;
        return result;
    }
}
