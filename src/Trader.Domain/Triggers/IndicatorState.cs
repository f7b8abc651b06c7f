using Trader.Domain.Market;

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
    private readonly decimal[] _close;
    private readonly decimal[] _volume;
    private readonly MonotonicWindow _high;
    private readonly MonotonicWindow _low;
    private long _next;
    private decimal _volume1h;
    private decimal _volume24h;
    private DateTimeOffset? _lastStart;
    private IndicatorReading? _reading;

    public IndicatorState(IndicatorSettings settings)
    {
        _settings = settings;
        _capacity = settings.WindowMinutes;
        _close = new decimal[_capacity];
        _volume = new decimal[_capacity];
        _high = new MonotonicWindow(settings.BreakoutLookbackMinutes, max: true);
        _low = new MonotonicWindow(settings.BreakoutLookbackMinutes, max: false);
    }

    /// <summary>Minutes of history held (gap minutes included), at most the ring's capacity.</summary>
    public int Minutes => (int)Math.Min(_next, _capacity);

    /// <summary>Folds in a closed candle. A candle not newer than the last one is ignored and returns false.</summary>
    public bool Update(Candle candle)
    {
        if (_lastStart is { } last)
        {
            if (candle.Start <= last) return false;
            var missing = (long)((candle.Start - last).Ticks / Candle.Length.Ticks) - 1;
            var previousClose = _close[(_next - 1) % _capacity];
            for (long i = 0; i < Math.Min(missing, _capacity); i++)
                Push(previousClose, previousClose, previousClose, 0m);
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
        var close = CloseAgo(0);

        decimal? momentum = null;
        decimal? share = null;
        var confidenceMinutes = IndicatorSettings.MomentumConfidenceHours * 60;
        if (minutes > Math.Max(_settings.MomentumLookbackMinutes, confidenceMinutes))
        {
            momentum = ChangePct(CloseAgo(_settings.MomentumLookbackMinutes), close);
            if (momentum is { } r)
            {
                var same = 0;
                for (var k = 0; k < IndicatorSettings.MomentumConfidenceHours; k++)
                {
                    var hourly = CloseAgo(60 * k) - CloseAgo(60 * (k + 1));
                    if (hourly > 0m == r > 0m) same++;
                }
                share = (decimal)same / IndicatorSettings.MomentumConfidenceHours;
            }
        }

        var hasVolume = minutes >= IndicatorSettings.VolumeWindowMinutes;
        var hasBreakout = minutes >= _settings.BreakoutLookbackMinutes;
        return new IndicatorReading(
            lastStart + Candle.Length,
            minutes,
            close,
            minutes > IndicatorSettings.ShortMoveMinutes ? ChangePct(CloseAgo(IndicatorSettings.ShortMoveMinutes), close) : null,
            minutes > IndicatorSettings.LongMoveMinutes ? ChangePct(CloseAgo(IndicatorSettings.LongMoveMinutes), close) : null,
            hasVolume ? _volume1h : null,
            hasVolume ? _volume24h / 24m : null,
            hasBreakout ? _high.Extreme : null,
            hasBreakout ? _low.Extreme : null,
            momentum,
            share);
    }

    /// <summary>(to / from − 1) × 100, or null when <paramref name="from"/> is not positive.</summary>
    public static decimal? ChangePct(decimal from, decimal to) => from > 0m ? (to / from - 1m) * 100m : null;

    private decimal CloseAgo(int minutes) => _close[(_next - 1 - minutes) % _capacity];

    private void Push(decimal high, decimal low, decimal close, decimal volume)
    {
        var position = _next;
        _volume1h += volume;
        if (position >= IndicatorSettings.LongMoveMinutes)
            _volume1h -= _volume[(position - IndicatorSettings.LongMoveMinutes) % _capacity];
        _volume24h += volume;
        if (position >= IndicatorSettings.VolumeWindowMinutes)
            _volume24h -= _volume[(position - IndicatorSettings.VolumeWindowMinutes) % _capacity];

        _close[position % _capacity] = close;
        _volume[position % _capacity] = volume;
        _high.Push(position, high);
        _low.Push(position, low);
        _next++;
    }
}
