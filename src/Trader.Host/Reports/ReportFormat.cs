using System.Globalization;

namespace Trader.Host.Reports;

/// <summary>The one way reports and the digest spell values (CONTRACTS.md §6): RFC 3339 UTC with ms, invariant decimals.</summary>
public static class ReportFormat
{
    public static string Time(DateTimeOffset ts) =>
        ts.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static string Money(decimal value) => value.ToString(CultureInfo.InvariantCulture);
}
