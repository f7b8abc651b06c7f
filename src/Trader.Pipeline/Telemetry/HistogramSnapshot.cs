namespace Trader.Pipeline.Telemetry;

/// <summary>
/// A histogram's state at one instant. <see cref="CumulativeCounts"/> has one entry per finite bound plus a last
/// one for +Inf, which equals <see cref="Count"/>.
/// </summary>
public sealed record HistogramSnapshot(IReadOnlyList<double> UpperBounds, IReadOnlyList<long> CumulativeCounts, double Sum)
{
    public long Count => CumulativeCounts[^1];

    /// <summary>
    /// Estimates the q-quantile from the buckets by linear interpolation inside the bucket that holds rank q·count
    /// (the lower edge of the first bucket is 0, or its bound when that is negative). A rank in the +Inf bucket
    /// returns the highest finite bound. Null when nothing was recorded.
    /// </summary>
    public double? EstimateQuantile(double q)
    {
        if (q is < 0 or > 1 || double.IsNaN(q)) throw new ArgumentOutOfRangeException(nameof(q), "a quantile is within [0, 1]");
        var count = Count;
        if (count == 0) return null;
        var rank = q * count;
        for (var i = 0; i < CumulativeCounts.Count; i++)
        {
            if (CumulativeCounts[i] < rank || CumulativeCounts[i] == 0) continue;
            if (i == UpperBounds.Count) return UpperBounds[^1];
            var upper = UpperBounds[i];
            var lower = i == 0 ? Math.Min(0, upper) : UpperBounds[i - 1];
            var below = i == 0 ? 0 : CumulativeCounts[i - 1];
            var inBucket = CumulativeCounts[i] - below;
            return lower + (upper - lower) * ((rank - below) / inBucket);
        }
        return UpperBounds[^1];
    }
}
