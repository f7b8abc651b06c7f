using System.Runtime.CompilerServices;

namespace Trader.Domain.Market;

/// <summary>Decimal results the hot paths need, without the general 96-bit division that gives them.</summary>
public static class ExactDecimal
{
    /// <summary>
    /// <c>value / 2m</c>: the same decimal, scale included (a mid is printed in journals and reports). An even
    /// mantissa halves at its scale; an odd one becomes mantissa × 5 at one more decimal, as the division gives it.
    /// The two cases where the division rounds (an odd mantissa at 28 decimals, or one whose × 5 overflows 96 bits)
    /// are left to the division.
    /// </summary>
    public static decimal Half(decimal value)
    {
        var mantissa = Mantissa(value, out var negative);
        var scale = value.Scale;
        if ((mantissa & 1) == 0) return Of(mantissa >> 1, negative, scale);
        if (scale < 28 && mantissa * 5 <= MaxMantissa) return Of(mantissa * 5, negative, (byte)(scale + 1));
        return value / 2m;
    }

    /// <summary>The 96-bit integer a decimal is written with (its digits, without sign or scale).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // per candle on the hot paths; its four-int buffer would otherwise keep it out of line
    public static UInt128 Mantissa(decimal value, out bool negative)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        negative = bits[3] < 0;
        return ((UInt128)(uint)bits[2] << 64) | ((ulong)(uint)bits[1] << 32) | (uint)bits[0];
    }

    /// <summary>The decimal written with <paramref name="mantissa"/> (under 2^96) at <paramref name="scale"/>.</summary>
    public static decimal Of(UInt128 mantissa, bool negative, byte scale) =>
        new((int)(uint)mantissa, (int)(uint)(mantissa >> 32), (int)(uint)(mantissa >> 64), negative, scale);

    private static readonly UInt128 MaxMantissa = ((UInt128)1 << 96) - 1;
}
