using Trader.Domain.Market;

namespace Trader.Domain.Triggers;

/// <summary>
/// The current indicator values of one product, as the decision reads them. A value is null until enough
/// minutes of history exist for it. Percentages are in percent; volumes in base units.
/// </summary>
/// <remarks>
/// A reading taken from <see cref="IndicatorState"/> holds the closes and the 24 h volume it is measured from and
/// divides only when a value is first read (the 15 m / 60 m / momentum changes and the hourly average are one
/// decimal division each, and most products are proven far from every threshold without them, see the
/// <c>May…</c> bounds the trigger scan uses). The values are the same as if computed eagerly; equality compares
/// the values. Safe to read from several threads: a value is written whole before its pending bit is cleared,
/// and two threads racing compute the same bytes.
/// </remarks>
public sealed record IndicatorReading
{
    public static readonly IndicatorReading Empty = new(null, 0, null, null, null, null, null, null, null, null, null);

    private const int Pending15m = 1, Pending60m = 2, PendingMomentum = 4, PendingAverage = 8;

    private decimal _from15m, _from60m, _fromMomentum, _volume24h;
    private decimal? _change15mPct, _change60mPct, _momentumReturnPct, _avgHourlyVolume24h;
    private int _pending;
    private decimal? _close, _volume1h, _lookbackHigh, _lookbackLow, _momentumSameSignShare;
    private DateTimeOffset? _lastCandleEnd;
    private int _minutes;
    // The same numbers in binary floating point, for the bounds of a measured reading (NaN: not known).
    private double _closeApprox = double.NaN, _from15mApprox, _from60mApprox, _fromMomentumApprox, _volume1hApprox = double.NaN, _volume24hApprox;
    private double _lookbackHighApprox = double.NaN;

    public IndicatorReading(
        DateTimeOffset? lastCandleEnd,
        int minutes,
        decimal? close,
        decimal? change15mPct,
        decimal? change60mPct,
        decimal? volume1h,
        decimal? avgHourlyVolume24h,
        decimal? lookbackHigh,
        decimal? lookbackLow,
        decimal? momentumReturnPct,
        decimal? momentumSameSignShare)
    {
        LastCandleEnd = lastCandleEnd;
        Minutes = minutes;
        Close = close;
        _change15mPct = change15mPct;
        _change60mPct = change60mPct;
        Volume1h = volume1h;
        _avgHourlyVolume24h = avgHourlyVolume24h;
        LookbackHigh = lookbackHigh;
        LookbackLow = lookbackLow;
        _momentumReturnPct = momentumReturnPct;
        MomentumSameSignShare = momentumSameSignShare;
    }

    /// <summary>
    /// A reading whose changes and hourly average are divided out on first read (null "from" = not enough history).
    /// The <c>…Approx</c> values are the closes as <see cref="double"/> when the caller has them (NaN: converted
    /// here); they serve only the bounds below, never a value.
    /// </summary>
    internal static IndicatorReading Measured(
        DateTimeOffset lastCandleEnd, int minutes, decimal close, decimal? close15mAgo, decimal? close60mAgo,
        decimal? volume1h, decimal? volume24h, decimal? lookbackHigh, decimal? lookbackLow,
        decimal? closeMomentumAgo, decimal? momentumSameSignShare,
        double closeApprox = double.NaN, double close15mAgoApprox = double.NaN, double close60mAgoApprox = double.NaN,
        double closeMomentumAgoApprox = double.NaN)
    {
        var reading = Measuring(lastCandleEnd, minutes, close, closeApprox);
        if (close15mAgo is { } from15m) reading.MeasureMove15m(from15m, close15mAgoApprox);
        if (close60mAgo is { } from60m) reading.MeasureMove60m(from60m, close60mAgoApprox);
        if (closeMomentumAgo is { } fromMomentum) reading.MeasureMomentumFrom(fromMomentum, closeMomentumAgoApprox);
        reading._momentumSameSignShare = momentumSameSignShare;
        reading._volume1h = volume1h;
        if (volume24h is { } day) reading.MeasureDayVolume(day);
        if (lookbackHigh is { } high) reading.MeasureLookbackHigh(high);
        reading._lookbackLow = lookbackLow;
        return reading;
    }

    /// <summary>
    /// The start of a measured reading, which its owner completes with the <c>Measure…</c> steps below before it hands
    /// it out (and never after): an <see cref="IndicatorState"/> takes one per product per minute, and building it
    /// field by field costs a fraction of passing a dozen nullable decimals through one call.
    /// </summary>
    internal static IndicatorReading Measuring(DateTimeOffset lastCandleEnd, int minutes, decimal close, double closeApprox = double.NaN)
    {
        var reading = new IndicatorReading { _lastCandleEnd = lastCandleEnd, _minutes = minutes, _close = close };
        reading._closeApprox = double.IsNaN(closeApprox) ? (double)close : closeApprox;
        return reading;
    }

    internal void MeasureMove15m(decimal from, double fromApprox = double.NaN) =>
        (_from15m, _from15mApprox, _pending) = (from, double.IsNaN(fromApprox) ? (double)from : fromApprox, _pending | Pending15m);

    internal void MeasureMove60m(decimal from, double fromApprox = double.NaN) =>
        (_from60m, _from60mApprox, _pending) = (from, double.IsNaN(fromApprox) ? (double)from : fromApprox, _pending | Pending60m);

    internal void MeasureMomentumFrom(decimal from, double fromApprox = double.NaN) =>
        (_fromMomentum, _fromMomentumApprox, _pending) = (from, double.IsNaN(fromApprox) ? (double)from : fromApprox, _pending | PendingMomentum);

    internal void MeasureMomentumShare(decimal share) => _momentumSameSignShare = share;

    /// <summary>Last hour's volume and the last 24 h's, whose hourly average is divided out when first read.</summary>
    internal void MeasureVolumes(decimal hour, decimal day)
    {
        _volume1h = hour;
        MeasureDayVolume(day);
    }

    internal void MeasureBreakout(decimal high, decimal low)
    {
        MeasureLookbackHigh(high);
        _lookbackLow = low;
    }

    private void MeasureDayVolume(decimal day)
    {
        (_volume24h, _volume24hApprox, _pending) = (day, (double)day, _pending | PendingAverage);
        _volume1hApprox = _volume1h is { } hour ? (double)hour : double.NaN;
    }

    private void MeasureLookbackHigh(decimal high) => (_lookbackHigh, _lookbackHighApprox) = (high, (double)high);

    /// <summary>An empty reading for <see cref="Measuring"/>.</summary>
    private IndicatorReading()
    {
    }

    public DateTimeOffset? LastCandleEnd { get => _lastCandleEnd; init => _lastCandleEnd = value; }
    public int Minutes { get => _minutes; init => _minutes = value; }

    /// <summary>The last close. A copy made with a new one keeps the changes the original measured (as eager values would).</summary>
    public decimal? Close
    {
        get => _close;
        init
        {
            ResolvePending();
            _close = value;
            _closeApprox = double.NaN;
        }
    }

    /// <summary>Last hour's volume. A copy made with a new one keeps the original's values and bounds them afresh.</summary>
    public decimal? Volume1h
    {
        get => _volume1h;
        init
        {
            ResolvePending();
            _volume1h = value;
        }
    }

    /// <summary>The highest high of the breakout lookback. A copy made with a new one is compared exactly.</summary>
    public decimal? LookbackHigh
    {
        get => _lookbackHigh;
        init => (_lookbackHigh, _lookbackHighApprox) = (value, double.NaN);
    }

    public decimal? LookbackLow { get => _lookbackLow; init => _lookbackLow = value; }
    public decimal? MomentumSameSignShare { get => _momentumSameSignShare; init => _momentumSameSignShare = value; }

    public decimal? Change15mPct
    {
        get => IsPending(Pending15m) ? Resolve(ref _change15mPct, Pending15m, ChangeFrom(_from15m)) : _change15mPct;
        init => (_change15mPct, _pending) = (value, _pending & ~Pending15m);
    }

    public decimal? Change60mPct
    {
        get => IsPending(Pending60m) ? Resolve(ref _change60mPct, Pending60m, ChangeFrom(_from60m)) : _change60mPct;
        init => (_change60mPct, _pending) = (value, _pending & ~Pending60m);
    }

    public decimal? AvgHourlyVolume24h
    {
        get => IsPending(PendingAverage) ? Resolve(ref _avgHourlyVolume24h, PendingAverage, _volume24h / 24m) : _avgHourlyVolume24h;
        init => (_avgHourlyVolume24h, _pending) = (value, _pending & ~PendingAverage);
    }

    public decimal? MomentumReturnPct
    {
        get => IsPending(PendingMomentum) ? Resolve(ref _momentumReturnPct, PendingMomentum, ChangeFrom(_fromMomentum)) : _momentumReturnPct;
        init => (_momentumReturnPct, _pending) = (value, _pending & ~PendingMomentum);
    }

    /// <summary>Last hour's volume over the average hourly volume of the last 24 h (null when undefined).</summary>
    public decimal? VolumeRatio => Volume1h is { } v && AvgHourlyVolume24h is { } avg && avg > 0m ? v / avg : null;

    /// <summary>False only when |<see cref="Change15mPct"/>| certainly stays under the threshold (a <see cref="MoveBound.Of"/> value).</summary>
    internal bool MayMove15m(double threshold) => !IsPending(Pending15m) || MoveBound.MayReach(_from15mApprox, _closeApprox, threshold);

    /// <summary>False only when |<see cref="Change60mPct"/>| certainly stays under the threshold (a <see cref="MoveBound.Of"/> value).</summary>
    internal bool MayMove60m(double threshold) => !IsPending(Pending60m) || MoveBound.MayReach(_from60mApprox, _closeApprox, threshold);

    /// <summary>False only when |<see cref="MomentumReturnPct"/>| certainly stays under the threshold (a <see cref="MoveBound.Of"/> value).</summary>
    internal bool MayMoveMomentum(double threshold) => !IsPending(PendingMomentum) || MoveBound.MayReach(_fromMomentumApprox, _closeApprox, threshold);

    /// <summary>
    /// <see cref="Change15mPct"/> in binary floating point when it is still to be divided out and its size certainly reaches
    /// the threshold (a <see cref="MoveBound.Of"/> value), else NaN (<see cref="MoveBound.SurePct"/>).
    /// </summary>
    internal double Move15mSurelyReaching(double threshold) =>
        IsPending(Pending15m) ? MoveBound.SurePct(_from15mApprox, _closeApprox, threshold) : double.NaN;

    /// <summary>
    /// <see cref="Change60mPct"/> in binary floating point when it is still to be divided out and its size certainly reaches
    /// the threshold (a <see cref="MoveBound.Of"/> value), else NaN (<see cref="MoveBound.SurePct"/>).
    /// </summary>
    internal double Move60mSurelyReaching(double threshold) =>
        IsPending(Pending60m) ? MoveBound.SurePct(_from60mApprox, _closeApprox, threshold) : double.NaN;

    /// <summary>
    /// <see cref="MomentumReturnPct"/> in binary floating point when it is still to be divided out and its size certainly
    /// reaches the threshold (a <see cref="MoveBound.Of"/> value), else NaN (<see cref="MoveBound.SurePct"/>).
    /// </summary>
    internal double MomentumPctSurelyReaching(double threshold) =>
        IsPending(PendingMomentum) ? MoveBound.SurePct(_fromMomentumApprox, _closeApprox, threshold) : double.NaN;

    /// <summary>
    /// <see cref="VolumeRatio"/> in binary floating point when its average is still to be divided out and the ratio
    /// certainly reaches the threshold (a <see cref="MoveBound.Of"/> value) and is at least 1.01, else NaN. Each
    /// conversion and operation is exact to ~1e-16 relative, far inside the margin, and from 1.01 on so is ratio − 1.
    /// </summary>
    internal double VolumeRatioSurelyReaching(double threshold)
    {
        if (!IsPending(PendingAverage)) return double.NaN;
        var (volume, day) = (_volume1hApprox, _volume24hApprox);
        if (!(MoveBound.InRange(volume) && day > 0d && MoveBound.InRange(day))) return double.NaN;
        var ratio = volume * 24d / day;
        return ratio > threshold * (2d - MoveBound.Margin) && ratio >= MinSureVolumeRatio ? ratio : double.NaN;
    }

    private const double MinSureVolumeRatio = 1.01;

    /// <summary>
    /// Whether <see cref="Change60mPct"/> is certainly negative (true) or certainly not (false), told by the closes in
    /// binary floating point when they are more than 1e-6 apart; null when they cannot tell or the change is not
    /// pending (the caller reads the exact change).
    /// </summary>
    internal bool? Falls60mSurely() =>
        IsPending(Pending60m) && _from60mApprox > 0d && MoveBound.InRange(_from60mApprox) && MoveBound.InRange(_closeApprox)
            ? MoveBound.Above(_from60mApprox, _closeApprox)
            : null;

    /// <summary>
    /// False only when <see cref="VolumeRatio"/> certainly stays under the threshold (a <see cref="MoveBound.Of"/> value),
    /// without the two decimal divisions: 1 h volume × 24 &lt; threshold × 24 h volume × (1 − 1e-6), evaluated in
    /// binary floating point (each conversion and operation exact to ~1e-16 relative, far inside the margin, and
    /// the decimal ratio is exact to ~1e-28), proves ratio &lt; threshold. A reading given its average uses that instead.
    /// </summary>
    internal bool MayReachVolumeRatio(double threshold)
    {
        if (double.IsNaN(threshold)) return true;
        double volume, day;
        if (IsPending(PendingAverage)) (volume, day) = (_volume1hApprox, _volume24hApprox);
        else if (Volume1h is { } hour && _avgHourlyVolume24h is { } average) (volume, day) = ((double)hour, (double)(average * 24m));
        else return true;
        if (!(MoveBound.InRange(volume) && day > 0d && MoveBound.InRange(day))) return true;
        return volume * 24d >= threshold * day * MoveBound.Margin;
    }

    /// <summary>
    /// <c>Close ≥ share × LookbackHigh</c> (false when either is unknown). Decided in binary floating point when the
    /// close is more than 1e-6 away from share × high (each value exact to ~1e-16 relative within 1e12), else by
    /// the exact decimal comparison, so the answer is always the decimal one.
    /// </summary>
    internal bool CloseReaches(decimal share, double shareApprox)
    {
        if (Close is not { } close || LookbackHigh is not { } high) return false;
        var target = shareApprox * _lookbackHighApprox;
        if (MoveBound.InRange(_closeApprox) && MoveBound.InRange(target) && MoveBound.Above(_closeApprox, target) is { } above) return above;
        return close >= share * high;
    }

    private decimal? ChangeFrom(decimal from) => Close is { } close ? IndicatorState.ChangePct(from, close) : null;

    /// <summary>
    /// Divides out every value still pending from the current close, so a copy whose close or volume is replaced
    /// (with <c>with</c>) keeps the values the original measured and no bound of the old numbers applies to the new.
    /// </summary>
    private void ResolvePending()
    {
        if (_pending == 0) return;
        _ = Change15mPct;
        _ = Change60mPct;
        _ = MomentumReturnPct;
        _ = AvgHourlyVolume24h;
    }

    private bool IsPending(int flag) => (Volatile.Read(ref _pending) & flag) != 0;

    private decimal? Resolve(ref decimal? field, int flag, decimal? value)
    {
        field = value;
        Interlocked.And(ref _pending, ~flag);
        return value;
    }

    public bool Equals(IndicatorReading? other) =>
        other is not null && (ReferenceEquals(this, other) ||
            LastCandleEnd == other.LastCandleEnd && Minutes == other.Minutes && Close == other.Close
            && Change15mPct == other.Change15mPct && Change60mPct == other.Change60mPct && Volume1h == other.Volume1h
            && AvgHourlyVolume24h == other.AvgHourlyVolume24h && LookbackHigh == other.LookbackHigh
            && LookbackLow == other.LookbackLow && MomentumReturnPct == other.MomentumReturnPct
            && MomentumSameSignShare == other.MomentumSameSignShare);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(LastCandleEnd);
        hash.Add(Minutes);
        hash.Add(Close);
        hash.Add(Change15mPct);
        hash.Add(Change60mPct);
        hash.Add(Volume1h);
        hash.Add(AvgHourlyVolume24h);
        hash.Add(LookbackHigh);
        hash.Add(LookbackLow);
        hash.Add(MomentumReturnPct);
        hash.Add(MomentumSameSignShare);
        return hash.ToHashCode();
    }
}
