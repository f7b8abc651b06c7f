using System.Numerics;
using Trader.Domain.Market;
using Trader.Domain.Memory;

namespace Trader.Domain.Triggers;

/// <summary>
/// The trigger indicators of one product, maintained incrementally from closed one-minute candles: one
/// minute slot per minute in ring buffers (a minute without a candle repeats the previous close with zero
/// volume, so every window is a fixed number of minutes), running sums for the 1 h and 24 h volumes and
/// monotonic deques for the breakout high/low. <see cref="Update"/> is O(1) per candle (amortised; a gap costs
/// one slot per missing minute, bounded by the ring); <see cref="Reading"/> never rescans history.
/// Not thread-safe: one owner updates it, once per new closed candle.
/// </summary>
public sealed class IndicatorState
{
    private readonly IndicatorSettings _settings;
    private readonly int _capacity;
    // Each minute's close with the same close as a double (converted once, for the readings' bounds), side by side:
    // a reading takes both from the same minutes, up to a day back, so one cache line serves both.
    private readonly ClosePoint[] _closes;
    private readonly VolumeSums _volumes;
    private readonly MonotonicWindow _high;
    private readonly MonotonicWindow _low;
    private long _next;
    private int _slot; // _next % _capacity, kept without a 64-bit division per minute
    // Per minute of the hour, one bit per hour (newest lowest): did the close rise over the hour ending at that
    // minute? The momentum confidence of a reading is then a popcount, not twelve comparisons of history.
    private readonly int[] _hourlyRises = new int[IndicatorSettings.LongMoveMinutes];
    private DateTimeOffset? _lastStart;
    private IndicatorReading? _reading;

    public IndicatorState(IndicatorSettings settings)
    {
        _settings = settings;
        _capacity = settings.WindowMinutes;
        _closes = new ClosePoint[_capacity];
        _volumes = new VolumeSums(_capacity);
        _high = new MonotonicWindow(settings.BreakoutLookbackMinutes, max: true);
        _low = new MonotonicWindow(settings.BreakoutLookbackMinutes, max: false);
    }

    /// <summary>Minutes of history held (gap minutes included), at most the ring's capacity.</summary>
    public int Minutes => (int)Math.Min(_next, _capacity);

    /// <summary>Folds in a closed candle. A candle not newer than the last one is ignored and returns false.</summary>
    public bool Update(in Candle candle)
    {
        if (_lastStart is { } last)
        {
            if (candle.Start <= last) return false;
            var gap = candle.Start - last;
            if (gap != Candle.Length) // the usual next minute needs no 64-bit division
            {
                var missing = (long)(gap.Ticks / Candle.Length.Ticks) - 1;
                var previousClose = _closes[LastSlot].Close;
                for (long i = 0; i < Math.Min(missing, _capacity); i++)
                    Push(previousClose, previousClose, previousClose, 0m);
            }
        }
        _lastStart = candle.Start;
        _reading = null;
        Push(candle.High, candle.Low, candle.Close, candle.Volume);
        return true;
    }

    /// <summary>The current values; computed once per new candle (readings are immutable, so cycles share one).</summary>
    public IndicatorReading Reading => _reading ??= Compute();

    private IndicatorReading Compute()
    {
        if (_next == 0 || _lastStart is not { } lastStart) return IndicatorReading.Empty;
        var minutes = Minutes;
        var last = LastSlot;
        ref readonly var latest = ref _closes[last];
        var close = latest.Close;
        // Built step by step from the ring: the changes are divided out by the reading when first read, so only the
        // closes they are measured from are taken here.
        var reading = IndicatorReading.Measuring(lastStart + Candle.Length, minutes, close, latest.Approx);
        if (minutes > IndicatorSettings.ShortMoveMinutes)
        {
            ref readonly var from = ref _closes[SlotBefore(last, IndicatorSettings.ShortMoveMinutes)];
            reading.MeasureMove15m(from.Close, from.Approx);
        }
        if (minutes > IndicatorSettings.LongMoveMinutes)
        {
            ref readonly var from = ref _closes[SlotBefore(last, IndicatorSettings.LongMoveMinutes)];
            reading.MeasureMove60m(from.Close, from.Approx);
        }

        var confidenceMinutes = IndicatorSettings.MomentumConfidenceHours * 60;
        if (minutes > Math.Max(_settings.MomentumLookbackMinutes, confidenceMinutes))
        {
            ref readonly var from = ref _closes[SlotBefore(last, _settings.MomentumLookbackMinutes)];
            if (from.Close > 0m)
            {
                reading.MeasureMomentumFrom(from.Close, from.Approx);
                // (close / from − 1) × 100 > 0 exactly when close > from (from > 0) unless the quotient rounds to 1
                // (a difference under ~1e-28 of the price: then divide), and an hourly return (a − b) > 0 exactly
                // when a > b: comparisons instead of a division and twelve subtractions. Closes more than 1e-6
                // apart as doubles (each exact to ~1e-16) are decided by that alone.
                var rising = MoveBound.Above(latest.Approx, from.Approx)
                    ?? (close > from.Close && (close - from.Close >= from.Close * NotRoundedToOne || ChangePct(from.Close, close) > 0m));
                var rises = BitOperations.PopCount((uint)_hourlyRises[(int)((_next - 1) % IndicatorSettings.LongMoveMinutes)]);
                reading.MeasureMomentumShare(SameSignShares[rising ? rises : IndicatorSettings.MomentumConfidenceHours - rises]);
            }
        }

        if (minutes >= IndicatorSettings.VolumeWindowMinutes) reading.MeasureVolumes(_volumes.Hour, _volumes.Day);
        if (minutes >= _settings.BreakoutLookbackMinutes) reading.MeasureBreakout(_high.Extreme, _low.Extreme);
        return reading;
    }

    private const decimal NotRoundedToOne = 1e-26m;

    /// <summary>same / 12 for every count, computed as before (so the values are the same decimals), without a division per reading.</summary>
    private static readonly decimal[] SameSignShares =
        [.. Enumerable.Range(0, IndicatorSettings.MomentumConfidenceHours + 1).Select(same => (decimal)same / IndicatorSettings.MomentumConfidenceHours)];

    /// <summary>(to / from − 1) × 100, or null when <paramref name="from"/> is not positive.</summary>
    public static decimal? ChangePct(decimal from, decimal to) => from > 0m ? (to / from - 1m) * 100m : null;

    private int LastSlot => _slot == 0 ? _capacity - 1 : _slot - 1;

    private void Push(decimal high, decimal low, decimal close, decimal volume)
    {
        var position = _next;
        var slot = _slot;
        _volumes.Push(volume, slot,
            position >= IndicatorSettings.LongMoveMinutes ? SlotBefore(slot, IndicatorSettings.LongMoveMinutes) : -1,
            position >= IndicatorSettings.VolumeWindowMinutes ? SlotBefore(slot, IndicatorSettings.VolumeWindowMinutes) : -1);

        // (a − b) > 0 exactly when a > b, as the hourly returns were compared before.
        var rose = position >= IndicatorSettings.LongMoveMinutes && close > _closes[SlotBefore(slot, IndicatorSettings.LongMoveMinutes)].Close;
        ref var rises = ref _hourlyRises[(int)(position % IndicatorSettings.LongMoveMinutes)];
        rises = ((rises << 1) | (rose ? 1 : 0)) & HoursMask;

        _closes[slot] = new ClosePoint(close, (double)close);
        // The day-old slots read CacheHint.MinutesAhead from now, asked into the caches now: every minute reads one such slot of
        // each product's rings, which the hardware prefetchers do not foresee.
        _volumes.Prefetch(SlotAhead(slot, IndicatorSettings.VolumeWindowMinutes));
        CacheHint.Prefetch(_closes, SlotAhead(slot, _settings.MomentumLookbackMinutes));
        _high.Push(position, high);
        _low.Push(position, low);
        _next++;
        _slot = slot + 1 == _capacity ? 0 : slot + 1;
    }

    private const int HoursMask = (1 << IndicatorSettings.MomentumConfidenceHours) - 1;

    /// <summary>The slot <paramref name="minutes"/> before the one written <see cref="CacheHint.MinutesAhead"/> from now.</summary>
    private int SlotAhead(int slot, int minutes)
    {
        var at = slot + CacheHint.MinutesAhead - minutes;
        return at < 0 ? at + _capacity : at >= _capacity ? at - _capacity : at;
    }

    private int SlotBefore(int slot, int minutes)
    {
        var at = slot - minutes;
        return at < 0 ? at + _capacity : at;
    }

    private readonly record struct ClosePoint(decimal Close, double Approx);
}
