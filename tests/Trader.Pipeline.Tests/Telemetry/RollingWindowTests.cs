using Trader.Pipeline.Telemetry;
using Trader.Testing;

namespace Trader.Pipeline.Tests.Telemetry;

public sealed class RollingWindowTests
{
    private static readonly DateTimeOffset T0 = VirtualTime.Epoch;

    [Fact]
    public void A_sample_leaves_the_window_exactly_one_length_after_it_was_recorded()
    {
        var window = new RollingWindow(TimeSpan.FromMinutes(10), 100);
        window.Add(T0, 1);
        window.Add(T0.AddMinutes(5), 2);

        Assert.Equal([1.0, 2.0], window.ValuesAt(T0.AddMinutes(9)).Order());
        Assert.Equal([2.0], window.ValuesAt(T0.AddMinutes(10)));
        Assert.Empty(window.ValuesAt(T0.AddMinutes(15)));
    }

    [Fact]
    public void When_full_the_oldest_samples_are_overwritten()
    {
        var window = new RollingWindow(TimeSpan.FromHours(1), 3);
        for (var i = 1; i <= 5; i++) window.Add(T0.AddSeconds(i), i);

        Assert.Equal([3.0, 4.0, 5.0], window.ValuesAt(T0.AddSeconds(10)).Order());
    }
}
