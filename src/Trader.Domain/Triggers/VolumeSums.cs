using Trader.Domain.Market;
using Trader.Domain.Memory;

namespace Trader.Domain.Triggers;

/// <summary>
/// The running 1 h and 24 h volume sums of an <see cref="IndicatorState"/>, over its ring of minute slots. A decimal
/// sum of decimals is exact and takes the largest scale of its terms, so the sums are kept as integers at the largest
/// scale any volume had so far and read back as exactly the decimals that running decimal sums give, digits and scale,
/// without two 96-bit additions and two subtractions per minute. A negative volume, or one that would bring a sum to
/// 2^96 (where a decimal sum no longer fits its mantissa and rounds), switches to decimal sums for good, continued
/// from the same values.
/// </summary>
internal sealed class VolumeSums
{
    private const int MaxScale = 28;
    private static readonly Int128 Limit = (Int128)1 << 96; // a decimal's mantissa is under it; a decimal sum that reaches it rounds
    private static readonly Int128[] PowersOfTen = [.. Enumerable.Range(0, MaxScale + 1).Select(Pow10)];
    // Limit / 10^d: a term under it can be written with d more decimals and stay under the limit.
    private static readonly Int128[] LimitOver = [.. PowersOfTen.Select(power => Limit / power)];

    private readonly Int128[] _units; // each slot's volume × 10^_scale
    private int _scale;
    private Int128 _hour, _day;
    private decimal[]? _decimals; // set once the sums are decimals
    private decimal _hourDecimal, _dayDecimal;

    public VolumeSums(int slots) => _units = new Int128[slots];

    public decimal Hour => _decimals is null ? ToDecimal(_hour) : _hourDecimal;

    public decimal Day => _decimals is null ? ToDecimal(_day) : _dayDecimal;

    /// <summary>
    /// Adds <paramref name="volume"/> into <paramref name="slot"/> and drops the volumes of <paramref name="hourAgo"/>
    /// from the hour's sum and of <paramref name="dayAgo"/> from the day's (−1: the window is not full yet).
    /// </summary>
    public void Push(decimal volume, int slot, int hourAgo, int dayAgo)
    {
        if (_decimals is null && TryPushUnits(volume, slot, hourAgo, dayAgo)) return;
        _decimals ??= ToDecimals();
        _hourDecimal += volume;
        if (hourAgo >= 0) _hourDecimal -= _decimals[hourAgo];
        _dayDecimal += volume;
        if (dayAgo >= 0) _dayDecimal -= _decimals[dayAgo];
        _decimals[slot] = volume;
    }

    /// <summary>Asks the CPU to cache <paramref name="slot"/>'s term, which a later <see cref="Push"/> drops (<see cref="CacheHint"/>).</summary>
    public void Prefetch(int slot)
    {
        if (_decimals is null) CacheHint.Prefetch(_units, slot);
        else CacheHint.Prefetch(_decimals, slot);
    }

    private bool TryPushUnits(decimal volume, int slot, int hourAgo, int dayAgo)
    {
        var mantissa = ExactDecimal.Mantissa(volume, out var negative);
        if (negative) return false;
        var scale = volume.Scale;
        if (scale > _scale && !TryRescale(scale)) return false;
        var units = (Int128)mantissa;
        if (scale < _scale)
        {
            if (units >= LimitOver[_scale - scale]) return false;
            units *= PowersOfTen[_scale - scale];
        }
        var hour = _hour + units;
        var day = _day + units;
        if (hour >= Limit || day >= Limit) return false;
        if (hourAgo >= 0) hour -= _units[hourAgo];
        if (dayAgo >= 0) day -= _units[dayAgo];
        (_hour, _day, _units[slot]) = (hour, day, units);
        return true;
    }

    /// <summary>Writes every term and sum with <paramref name="scale"/> decimals, unless one would reach the limit.</summary>
    private bool TryRescale(int scale)
    {
        var bound = LimitOver[scale - _scale];
        if (_hour >= bound || _day >= bound) return false;
        foreach (var units in _units)
            if (units >= bound) return false;
        var factor = PowersOfTen[scale - _scale];
        for (var i = 0; i < _units.Length; i++) _units[i] *= factor;
        (_hour, _day, _scale) = (_hour * factor, _day * factor, scale);
        return true;
    }

    private decimal[] ToDecimals()
    {
        (_hourDecimal, _dayDecimal) = (ToDecimal(_hour), ToDecimal(_day));
        return [.. _units.Select(ToDecimal)];
    }

    private decimal ToDecimal(Int128 units) => ExactDecimal.Of((UInt128)units, false, (byte)_scale);

    private static Int128 Pow10(int k)
    {
        Int128 result = 1;
        for (var i = 0; i < k; i++) result *= 10;
        return result;
    }
}
