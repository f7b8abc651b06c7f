using Trader.Domain.Config;
using Trader.Domain.Tests.Support;
using Trader.Domain.Triggers;

namespace Trader.Domain.Tests.Triggers;

public sealed class IndicatorReadingTests
{
    // 15 m and 60 m changes +2 % (divided out when read), 1 h volume 10 against a 24 h hourly average of 10.
    private static IndicatorReading Measured() =>
        IndicatorReading.Measured(Candles.Start, 1_500, 102m, 100m, 100m, 10m, 240m, null, null, null, null);

    private static IReadOnlyList<TriggerSignal> Candidates(IndicatorReading reading, decimal pct15m, decimal volumeRatio) =>
        TriggerEngine.Candidates("BTC-USD", reading, new TriggerThresholds(pct15m, 99m, volumeRatio), new SignalTriggersSection());

    [Fact]
    [Trait("Req", "REQ-S1")]
    public void A_copy_with_a_new_close_keeps_the_changes_the_original_measured_as_eager_values_would()
    {
        var copy = Measured() with { Close = 500m };

        Assert.Equal(500m, copy.Close);
        Assert.Equal(2m, copy.Change15mPct);
        Assert.Equal(2m, copy.Change60mPct);
        Assert.Empty(Candidates(copy, 3m, 99m)); // the old close's bound no longer applies: 2 % is still under 3 %
        Assert.Single(Candidates(copy, 1.5m, 99m), c => c.Kind == TriggerKind.PriceMove);
    }

    [Fact]
    [Trait("Req", "REQ-S1")]
    public void A_copy_with_a_value_of_its_own_uses_that_value_for_the_triggers()
    {
        var reading = Measured();
        Assert.Empty(Candidates(reading, 40m, 1.8m));

        Assert.Single(Candidates(reading with { Change15mPct = 50m }, 40m, 99m), c => c.Kind == TriggerKind.PriceMove);
        var spike = Assert.Single(Candidates(reading with { Volume1h = 30m }, 99m, 1.8m));
        Assert.Equal((TriggerKind.VolumeSpike, 3m), (spike.Kind, 30m / reading.AvgHourlyVolume24h!.Value));
    }

    [Fact]
    [Trait("Req", "REQ-S1")]
    public void A_copy_with_a_new_high_or_close_is_compared_with_the_breakout_exactly()
    {
        // Close 102 against a high of 200: far from a breakout. A copy with a high of 102 or a close of 200 breaks out;
        // neither may keep the original's floating-point bound.
        var reading = IndicatorReading.Measured(Candles.Start, 1_500, 102m, null, null, null, null, 200m, 50m, null, null);
        Assert.DoesNotContain(Candidates(reading, 99m, 99m), c => c.Kind == TriggerKind.Breakout);

        Assert.Single(Candidates(reading with { LookbackHigh = 102m }, 99m, 99m), c => c.Kind == TriggerKind.Breakout);
        Assert.Single(Candidates(reading with { Close = 200m }, 99m, 99m), c => c.Kind == TriggerKind.Breakout);
    }
}
