namespace Trader.Pipeline.Telemetry;

/// <summary>
/// A fixed-bucket histogram (Prometheus semantics: a bucket counts values ≤ its upper bound). Recording is O(log b)
/// in the number of buckets, lock-free and allocation-free: one interlocked increment and a compare-and-swap on
/// the sum. NaN is ignored. Thread-safe.
/// </summary>
public sealed class Histogram
{
    private readonly double[] _bounds;
    private readonly long[] _counts;
    private long _sumBits;

    /// <param name="upperBounds">Finite, strictly ascending upper bounds; the +Inf bucket is implicit.</param>
    public Histogram(IReadOnlyList<double> upperBounds)
    {
        if (upperBounds.Count == 0) throw new ArgumentException("a histogram needs at least one bucket", nameof(upperBounds));
        for (var i = 0; i < upperBounds.Count; i++)
        {
            if (!double.IsFinite(upperBounds[i]))
                throw new ArgumentException("bucket bounds must be finite (+Inf is implicit)", nameof(upperBounds));
            if (i > 0 && upperBounds[i] <= upperBounds[i - 1])
                throw new ArgumentException("bucket bounds must be strictly ascending", nameof(upperBounds));
        }
        _bounds = upperBounds.ToArray();
        _counts = new long[_bounds.Length + 1];
    }

    public void Record(double value)
    {
        if (double.IsNaN(value)) return;
        var index = Array.BinarySearch(_bounds, value);
        if (index < 0) index = ~index;
        Interlocked.Increment(ref _counts[index]);

        long seen, next;
        do
        {
            seen = Volatile.Read(ref _sumBits);
            next = BitConverter.DoubleToInt64Bits(BitConverter.Int64BitsToDouble(seen) + value);
        }
        while (Interlocked.CompareExchange(ref _sumBits, next, seen) != seen);
    }

    /// <summary>A consistent-enough copy: the count is the sum of the bucket counts read, so buckets end at it.</summary>
    public HistogramSnapshot Snapshot()
    {
        var cumulative = new long[_counts.Length];
        long running = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            running += Volatile.Read(ref _counts[i]);
            cumulative[i] = running;
        }
        return new HistogramSnapshot(_bounds, cumulative, BitConverter.Int64BitsToDouble(Volatile.Read(ref _sumBits)));
    }
}
