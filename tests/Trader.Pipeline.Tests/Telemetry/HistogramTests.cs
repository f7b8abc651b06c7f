using Trader.Pipeline.Telemetry;

namespace Trader.Pipeline.Tests.Telemetry;

public sealed class HistogramTests
{
    [Fact]
    public void A_value_on_a_bound_counts_in_that_bucket_and_buckets_are_cumulative()
    {
        var histogram = new Histogram([1, 2, 4]);
        foreach (var value in new[] { 0.5, 1, 1.5, 2, 3, 9 }) histogram.Record(value);

        var snapshot = histogram.Snapshot();

        Assert.Equal([2L, 4L, 5L, 6L], snapshot.CumulativeCounts);
        Assert.Equal(6, snapshot.Count);
        Assert.Equal(17.0, snapshot.Sum, 12);
    }

    [Fact]
    public void Quantiles_are_interpolated_linearly_inside_the_bucket_holding_the_rank()
    {
        var histogram = new Histogram([1, 2, 4]);
        foreach (var value in new[] { 1, 1.5, 1.5, 3 }) histogram.Record(value);
        var snapshot = histogram.Snapshot();

        // rank 2 of 4 lies in (1, 2] which holds ranks 2–3: halfway → 1.5.
        Assert.Equal(1.5, snapshot.EstimateQuantile(0.50)!.Value, 12);
        // rank 3.8 lies in (2, 4] which holds rank 4 alone: 0.8 of the way → 3.6.
        Assert.Equal(3.6, snapshot.EstimateQuantile(0.95)!.Value, 12);
        // the first bucket's lower edge is 0.
        Assert.Equal(0.4, new Histogram([1, 2]).Also(h => h.Record(0.7)).Snapshot().EstimateQuantile(0.4)!.Value, 12);
    }

    [Fact]
    public void A_rank_in_the_infinite_bucket_reports_the_highest_finite_bound_and_an_empty_histogram_has_none()
    {
        var histogram = new Histogram([1, 2]);
        Assert.Null(histogram.Snapshot().EstimateQuantile(0.5));

        histogram.Record(50);
        Assert.Equal(2, histogram.Snapshot().EstimateQuantile(0.99));
    }

    [Fact]
    public void NaN_is_ignored_and_bad_bounds_are_refused()
    {
        var histogram = new Histogram([1]);
        histogram.Record(double.NaN);
        Assert.Equal(0, histogram.Snapshot().Count);

        Assert.Throws<ArgumentException>(() => new Histogram([]));
        Assert.Throws<ArgumentException>(() => new Histogram([2, 1]));
        Assert.Throws<ArgumentException>(() => new Histogram([1, double.PositiveInfinity]));
    }

    [Fact]
    public void Concurrent_records_are_all_counted_and_summed()
    {
        var histogram = new Histogram(HistogramBuckets.CycleSeconds);
        Parallel.For(0, 4, _ =>
        {
            for (var i = 0; i < 25_000; i++) histogram.Record(0.25);
        });

        var snapshot = histogram.Snapshot();
        Assert.Equal(100_000, snapshot.Count);
        Assert.Equal(25_000.0, snapshot.Sum, 6);
    }

    [Fact]
    public void Recording_allocates_nothing()
    {
        var telemetry = new Trader.Pipeline.Telemetry.Telemetry(Testing.VirtualTime.Create().TimeProvider);
        telemetry.RecordRest("orders", 200, TimeSpan.FromMilliseconds(10));
        telemetry.RecordFeedLag("ticker", Testing.VirtualTime.Epoch, Testing.VirtualTime.Epoch);
        telemetry.RecordAlert("slo");
        telemetry.RecordCycle(TimeSpan.FromMilliseconds(10), degraded: false);

        RecordMany(telemetry); // warm-up: JIT tiering may allocate once
        var before = GC.GetAllocatedBytesForCurrentThread();
        RecordMany(telemetry);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
    }

    private static void RecordMany(Trader.Pipeline.Telemetry.Telemetry telemetry)
    {
        for (var i = 0; i < 10_000; i++)
        {
            telemetry.RecordCycle(TimeSpan.FromMilliseconds(i % 1500), degraded: i % 7 == 0);
            telemetry.RecordRest("orders", 200, TimeSpan.FromMilliseconds(i % 400));
            telemetry.RecordFeedLag("ticker", Testing.VirtualTime.Epoch, Testing.VirtualTime.Epoch.AddMilliseconds(i % 90));
            telemetry.RecordAlert("slo");
            telemetry.RecordFrame();
        }
    }
}

internal static class HistogramTestExtensions
{
    public static Histogram Also(this Histogram histogram, Action<Histogram> act)
    {
        act(histogram);
        return histogram;
    }
}
