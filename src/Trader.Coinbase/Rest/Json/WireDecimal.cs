using System.Globalization;

namespace Trader.Coinbase.Rest.Json;

/// <summary>Decimal text as Coinbase writes it: invariant culture, no exponent, no trailing zeros.</summary>
internal static class WireDecimal
{
    public static string Format(decimal value) =>
        value.ToString("0.############################", CultureInfo.InvariantCulture);

    public static bool TryParse(ReadOnlySpan<char> text, out decimal value) =>
        decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent,
            CultureInfo.InvariantCulture, out value);
}
