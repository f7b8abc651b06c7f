using CsCheck;
using Trader.Pipeline.Telemetry;

namespace Trader.Pipeline.Tests.Telemetry;

public sealed class ExactQuantileTests
{
    [Fact]
    [Trait("Req", "NFR-P1")]
    public void Nearest_rank_over_one_to_a_hundred_milliseconds()
    {
        var samples = Enumerable.Range(1, 100).Select(ms => ms / 1000.0).Reverse().ToArray();

        Assert.Equal(0.050, ExactQuantile.Of(samples, 0.50));
        Assert.Equal(0.095, ExactQuantile.Of(samples, 0.95));
        Assert.Equal(0.099, ExactQuantile.Of(samples, 0.99));
        Assert.Equal(0.100, ExactQuantile.Of(samples, 1.0));
        Assert.Equal(0.001, ExactQuantile.Of(samples, 0.0));
        Assert.Null(ExactQuantile.Of(Array.Empty<double>(), 0.95));
    }

    [Fact]
    public void Of_a_few_samples_p99_is_the_largest()
    {
        Assert.Equal(3.0, ExactQuantile.Of([2.0, 3.0, 1.0], 0.99));
        Assert.Equal(2.0, ExactQuantile.Of([2.0, 3.0, 1.0], 0.5));
    }

    [Fact]
    public void The_quantile_is_a_sample_with_at_least_q_of_them_at_or_below_it_and_fewer_strictly_below()
    {
        Gen.Double[0, 10].Array[1, 300].Select(Gen.Double[0, 1]).Sample((samples, q) =>
        {
            var value = ExactQuantile.Of(samples, q)!.Value;
            var rank = Math.Max(1, (int)Math.Ceiling(q * samples.Length - 1e-9));
            return samples.Contains(value)
                && samples.Count(s => s <= value) >= rank
                && samples.Count(s => s < value) < rank;
        });
    }
}
