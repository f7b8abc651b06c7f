using CsCheck;
using Trader.Domain.Market;
using Trader.Domain.Tests.Support;
using Trader.Domain.Triggers;

namespace Trader.Domain.Tests.Triggers;

public sealed class IndicatorStateTests
{
    private static readonly IndicatorSettings Short = new(BreakoutLookbackMinutes: 90, MomentumLookbackMinutes: 900);

    /// <summary>Random candle histories: mostly consecutive minutes, some gaps (a few long), some repeats.</summary>
    private static readonly Gen<List<Candle>> Histories =
        from steps in Gen.Select(Gen.Int[0, 99], Gen.Int[-300, 300], Gen.Int[0, 2_000_000], Gen.Int[0, 150]).Array[1_300, 1_900]
        select Build(steps);

    private static List<Candle> Build((int Kind, int Move, int Volume, int Wick)[] steps)
    {
        var list = new List<Candle>(steps.Length);
        var t = Candles.Start;
        var price = 1_000m;
        foreach (var (kind, move, volume, wick) in steps)
        {
            var gap = kind switch { < 85 => 1, < 97 => 2 + kind % 7, < 99 => 30 + kind, _ => 2_000 };
            var repeat = kind == 50 && list.Count > 0;
            if (!repeat) t = t.AddMinutes(gap);
            var open = price;
            price = Math.Max(1m, price + move / 100m);
            var at = repeat ? list[^1].Start : t;
            list.Add(new Candle(at, open, Math.Max(open, price) + wick / 100m, Math.Min(open, price) - wick / 1000m, price, volume / 10_000m));
        }
        return list;
    }

    [Fact]
    [Trait("Req", "REQ-S1")]
    public void Property_incremental_indicators_equal_a_batch_recomputation_from_the_whole_history()
    {
        Histories.Sample(history =>
        {
            var state = new IndicatorState(Short);
            for (var i = 0; i < history.Count; i++)
            {
                state.Update(history[i]);
                if (i % 211 == 0 || i == history.Count - 1)
                    Assert.Equal(BatchIndicators.Compute(history.Take(i + 1), Short), state.Reading);
            }
        }, iter: 10);
    }

    [Fact]
    [Trait("Req", "REQ-S1")]
    public void With_the_default_24h_lookbacks_the_incremental_values_match_the_batch_after_two_days()
    {
        var settings = IndicatorSettings.From(new Trader.Domain.Config.TraderConfig());
        Assert.Equal(new IndicatorSettings(1440, 1440), settings);
        var history = Candles.Series(2 * 1440 + 37, i => 100m + (i % 97) / 10m - (i % 13) / 7m, i => 1m + i % 11);
        var state = new IndicatorState(settings);
        foreach (var candle in history) state.Update(candle);

        var reading = state.Reading;
        Assert.Equal(BatchIndicators.Compute(history, settings), reading);
        Assert.NotNull(reading.MomentumSameSignShare);
        Assert.NotNull(reading.VolumeRatio);
        Assert.Equal(1441, reading.Minutes);
    }

    [Fact]
    [Trait("Req", "REQ-S1")]
    public void Property_the_hourly_and_daily_volume_sums_are_the_decimals_running_decimal_sums_give_digits_and_scale_included()
    {
        // The state keeps its volume sums as integers at the largest scale seen, and falls back to decimal sums on a
        // negative volume or one near 96 bits. Either way the sums must be the very decimals that adding and dropping
        // each minute's volume in decimal gives (reason texts print them), also across gaps (a gap minute adds 0).
        // Per history, one kind of unusual volume besides the usual ones (up to 12 digits, up to 8 decimals): none
        // (integer sums throughout), more decimals (up to 28: the sums are rewritten, or fall back), negatives (fall
        // back), or up to two mantissas of 2^95 and more, mostly at the usual 8 decimals (two of them reach 96 bits, where
        // the decimal sums round).
        var steps =
            from kind in Gen.Int[0, 999]
            from gap in Gen.Int[1, 3]
            from units in Gen.Long[0, long.MaxValue]
            from scale in Gen.Int[0, 28]
            select (kind, gap, units, scale);
        Gen.Select(Gen.Int[0, 3], steps.Array[1_500, 2_200]).Sample((unusual, steps) =>
        {
            var state = new IndicatorState(Short);
            var pushed = new List<decimal>();
            decimal hour = 0m, day = 0m;
            var huge = 0;
            var t = Candles.Start;
            for (var i = 0; i < steps.Length; i++)
            {
                var (kind, gap, units, scale) = steps[i];
                var volume = (unusual, kind) switch
                {
                    (_, < 990) => Volume(units % 1_000_000_000_000, scale % 9),
                    (1, _) => Volume(units % 1_000_000_000_000_000, scale),
                    (2, _) => -Volume(units % 1_000_000, scale % 9),
                    (3, _) when huge++ < 2 => new decimal((int)units, (int)(units >> 32), int.MinValue | (int)(units % 64), false, (byte)(scale < 20 ? 8 : scale)),
                    _ => 0m,
                };
                if (i > 0)
                {
                    t = t.AddMinutes(gap);
                    for (var g = 1; g < gap; g++) Push(0m);
                }
                Push(volume);
                state.Update(new Candle(t, 100m, 101m, 99m, 100m, volume));
                if (pushed.Count < IndicatorSettings.VolumeWindowMinutes || i % 97 != 0 && i != steps.Length - 1) continue;
                var reading = state.Reading;
                Assert.Equal(decimal.GetBits(hour), decimal.GetBits(reading.Volume1h!.Value));
                Assert.Equal(decimal.GetBits(day / 24m), decimal.GetBits(reading.AvgHourlyVolume24h!.Value));
            }

            void Push(decimal v)
            {
                hour += v;
                if (pushed.Count >= IndicatorSettings.LongMoveMinutes) hour -= pushed[^IndicatorSettings.LongMoveMinutes];
                day += v;
                if (pushed.Count >= IndicatorSettings.VolumeWindowMinutes) day -= pushed[^IndicatorSettings.VolumeWindowMinutes];
                pushed.Add(v);
            }
        }, iter: 60);

        static decimal Volume(long units, int scale) => new((int)units, (int)(units >> 32), 0, false, (byte)scale);
    }

    [Fact]
    public void Values_appear_only_once_their_window_is_covered_and_old_or_repeated_candles_are_ignored()
    {
        var state = new IndicatorState(IndicatorSettings.From(new Trader.Domain.Config.TraderConfig()));
        var history = Candles.Series(61, i => 100m + i);
        foreach (var candle in history.Take(15)) state.Update(candle);
        Assert.Null(state.Reading.Change15mPct);

        state.Update(history[15]);
        Assert.Equal(15m, state.Reading.Change15mPct); // 115 / 100 − 1
        Assert.Null(state.Reading.Change60mPct);
        Assert.False(state.Update(history[3]));

        foreach (var candle in history.Skip(16)) state.Update(candle);
        Assert.Equal(60m, state.Reading.Change60mPct);
        Assert.Null(state.Reading.VolumeRatio);
        Assert.Equal(history[^1].End, state.Reading.LastCandleEnd);
    }
}
