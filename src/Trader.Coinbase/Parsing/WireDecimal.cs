using System.Buffers.Text;

namespace Trader.Coinbase.Parsing;

/// <summary>
/// Decimals as the wire writes them ("7424.91", "0.00120148", "171"). The common shape — unsigned digits with at
/// most one point and at most 19 digits — is built directly from its digits (mantissa and scale, so trailing zeros
/// are kept exactly as <see cref="Utf8Parser"/> keeps them); anything else (signs, exponents, long numbers) goes to
/// <see cref="Utf8Parser"/>, which stays the definition of what is accepted and what it means.
/// </summary>
internal static class WireDecimal
{
    private const int MaxFastDigits = 19; // 10^19 - 1 < 2^64

    public static bool TryParse(ReadOnlySpan<byte> span, out decimal value) =>
        TryParseSimple(span, out value)
        || (Utf8Parser.TryParse(span, out value, out var consumed) && consumed == span.Length);

    /// <summary>Digits [ '.' digits ], digits on both sides, ≤ 19 digits in all; false (not a rejection) otherwise.</summary>
    internal static bool TryParseSimple(ReadOnlySpan<byte> span, out decimal value)
    {
        value = 0m;
        if (span.IsEmpty || span.Length > MaxFastDigits + 1) return false;
        ulong mantissa = 0;
        var point = -1;
        for (var i = 0; i < span.Length; i++)
        {
            var digit = (uint)(span[i] - '0');
            if (digit <= 9)
            {
                mantissa = mantissa * 10 + digit;
                continue;
            }
            if (span[i] != (byte)'.' || point >= 0 || i == 0 || i == span.Length - 1) return false;
            point = i;
        }
        var digits = point < 0 ? span.Length : span.Length - 1;
        if (digits > MaxFastDigits) return false;
        var scale = point < 0 ? 0 : span.Length - point - 1;
        value = new decimal((int)(uint)mantissa, (int)(uint)(mantissa >> 32), 0, isNegative: false, (byte)scale);
        return true;
    }
}
