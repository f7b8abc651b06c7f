using Trader.Coinbase.Retry;

namespace Trader.Coinbase.Tests.Retry;

/// <summary>The REQ-CB1 formula written out independently of the production code, and the seeded draws it must produce.</summary>
public static class Cb1
{
    /// <summary>Upper bound of the wait before attempt n+1: min(5 s, 0.2 s × 2^(n−1)).</summary>
    public static TimeSpan Bound(int n) => TimeSpan.FromSeconds(Math.Min(5.0, 0.2 * Math.Pow(2, n - 1)));

    /// <summary>The delays a <see cref="FullJitterBackoff"/> over <c>new Random(seed)</c> must draw for waits firstN..firstN+count−1 (whole milliseconds).</summary>
    public static List<TimeSpan> ExpectedDelays(int seed, int count, int firstN = 1)
    {
        var random = new Random(seed);
        return Enumerable.Range(firstN, count)
            .Select(n => TimeSpan.FromMilliseconds(Math.Floor(Bound(n).TotalMilliseconds * random.NextDouble())))
            .ToList();
    }

    public static List<TimeSpan> Gaps(IReadOnlyList<DateTimeOffset> times) =>
        times.Zip(times.Skip(1), (a, b) => b - a).ToList();

    public static void AssertWithinBounds(IReadOnlyList<TimeSpan> gaps, int firstN = 1)
    {
        for (var i = 0; i < gaps.Count; i++)
        {
            var n = firstN + i;
            Assert.InRange(gaps[i], TimeSpan.Zero, Bound(n));
        }
    }
}
