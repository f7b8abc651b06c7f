namespace Trader.Domain.Tests.Support;

/// <summary>Exact decimals for the property tests that place values at a given number of decimals.</summary>
internal static class Decimals
{
    /// <summary>10^<paramref name="exponent"/> as a decimal, multiplied out (no double on the way).</summary>
    public static decimal Pow10(int exponent)
    {
        var result = 1m;
        for (var i = 0; i < exponent; i++) result *= 10m;
        return result;
    }
}
