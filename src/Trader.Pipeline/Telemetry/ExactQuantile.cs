namespace Trader.Pipeline.Telemetry;

/// <summary>
/// Exact quantiles over raw samples by the nearest-rank method: the q-quantile of n sorted samples is the
/// ⌈q·n⌉-th smallest (the 1st for q = 0). So with 100 samples p95 is the 95th smallest: a run where 95 of 100
/// cycles take ≤ 1 s meets "p95 ≤ 1 s" exactly.
/// </summary>
public static class ExactQuantile
{
    /// <summary>Null when there are no samples. Sorts a copy; the input is left as it was.</summary>
    public static double? Of(IReadOnlyCollection<double> samples, double q)
    {
        if (q is < 0 or > 1 || double.IsNaN(q)) throw new ArgumentOutOfRangeException(nameof(q), "a quantile is within [0, 1]");
        if (samples.Count == 0) return null;
        var sorted = samples.ToArray();
        Array.Sort(sorted);
        return OfSorted(sorted, q);
    }

    public static double OfSorted(IReadOnlyList<double> sorted, double q)
    {
        // The tolerance absorbs binary rounding of q·n (0.95 × 100 is 94.999…).
        var rank = (int)Math.Ceiling(q * sorted.Count - 1e-9);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }
}
