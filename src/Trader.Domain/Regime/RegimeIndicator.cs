using Trader.Domain.Market;

namespace Trader.Domain.Regime;

/// <summary>
/// Incremental BTC-USD regime inputs from closed one-minute candles: candles are folded into UTC clock hours
/// (an hour's close is the close of its last candle; an hour without candles repeats the previous close), and
/// each completed hour updates a 169-close ring and running sums of the last 168 hourly returns (in percent,
/// rounded to 10 decimals so the sums stay exact). O(1) per candle; a reading never rescans history.
/// The hour in progress is not used until the first candle of a later hour closes it.
/// </summary>
public sealed class RegimeIndicator
{
    public const int HoursInSevenDays = 168;
    private const int ReturnDecimals = 10;
    private static readonly double AnnualisationFactor = Math.Sqrt(24.0 * 365.0);

    private readonly decimal[] _closes = new decimal[HoursInSevenDays + 1];
    private readonly decimal[] _returns = new decimal[HoursInSevenDays];
    private long _closeCount;
    private long _returnCount;
    private decimal _sumReturns;
    private decimal _sumSquares;
    private long? _currentHourTicks;
    private decimal _currentHourClose;
    private DateTimeOffset? _lastCandleStart;
    private RegimeReading? _reading;

    /// <summary>Folds in a closed candle; a candle not newer than the last one is ignored (returns false).</summary>
    public bool Update(in Candle candle)
    {
        if (_lastCandleStart is { } last && candle.Start <= last) return false;
        _lastCandleStart = candle.Start;

        var hour = candle.Start.UtcTicks - candle.Start.UtcTicks % TimeSpan.TicksPerHour;
        if (_currentHourTicks is not { } current)
        {
            _currentHourTicks = hour;
            _currentHourClose = candle.Close;
            return true;
        }
        if (hour == current)
        {
            _currentHourClose = candle.Close;
            return true;
        }

        PushHourlyClose(_currentHourClose);
        var missingHours = (hour - current) / TimeSpan.TicksPerHour - 1;
        for (long i = 0; i < Math.Min(missingHours, HoursInSevenDays + 1); i++)
            PushHourlyClose(_currentHourClose);
        _currentHourTicks = hour;
        _currentHourClose = candle.Close;
        return true;
    }

    /// <summary>The current reading; it only changes when an hour closes, so it is computed once per hourly close.</summary>
    public RegimeReading Reading => _reading ??= Compute();

    private RegimeReading Compute()
    {
        var closes = (int)Math.Min(_closeCount, HoursInSevenDays + 1);
        if (_closeCount < HoursInSevenDays + 1) return new RegimeReading(closes, null, null);

        var newest = _closes[(_closeCount - 1) % _closes.Length];
        var oldest = _closes[(_closeCount - 1 - HoursInSevenDays) % _closes.Length];
        decimal? trend = oldest > 0m ? (newest / oldest - 1m) * 100m : null;

        const decimal n = HoursInSevenDays;
        var variance = (_sumSquares - _sumReturns * _sumReturns / n) / (n - 1m);
        var vol = Math.Sqrt((double)Math.Max(0m, variance)) * AnnualisationFactor;
        return trend is null ? new RegimeReading(closes, null, null) : new RegimeReading(closes, trend, vol);
    }

    /// <summary>The hourly return in percent between two closes, as the indicator sums it.</summary>
    public static decimal HourlyReturnPct(decimal previous, decimal next) =>
        previous > 0m ? Math.Round((next / previous - 1m) * 100m, ReturnDecimals) : 0m;

    private void PushHourlyClose(decimal close)
    {
        if (_closeCount > 0)
        {
            var previous = _closes[(_closeCount - 1) % _closes.Length];
            var r = HourlyReturnPct(previous, close);
            if (_returnCount >= HoursInSevenDays)
            {
                var leaving = _returns[_returnCount % _returns.Length];
                _sumReturns -= leaving;
                _sumSquares -= leaving * leaving;
            }
            _returns[_returnCount % _returns.Length] = r;
            _returnCount++;
            _sumReturns += r;
            _sumSquares += r * r;
        }
        _closes[_closeCount % _closes.Length] = close;
        _closeCount++;
        _reading = null;
    }
}
