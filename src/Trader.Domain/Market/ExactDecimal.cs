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
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        var mantissa = ((UInt128)(uint)bits[2] << 64) | ((ulong)(uint)bits[1] << 32) | (uint)bits[0];
        var negative = bits[3] < 0;
        var scale = value.Scale;
        if ((bits[0] & 1) == 0) return Of(mantissa >> 1, negative, scale);
        if (scale < 28 && mantissa * 5 <= MaxMantissa) return Of(mantissa * 5, negative, (byte)(scale + 1));
        return value / 2m;
    }

    private static readonly UInt128 MaxMantissa = ((UInt128)1 << 96) - 1;

    private static decimal Of(UInt128 mantissa, bool negative, byte scale) =>
        new((int)(uint)mantissa, (int)(uint)(mantissa >> 32), (int)(uint)(mantissa >> 64), negative, scale);
}
