using System.Globalization;

namespace Trader.Host.Import;

/// <summary>How Advanced Trade frames spell numbers and times.</summary>
public static class WireText
{
    /// <summary>A decimal as Coinbase writes it: invariant, no exponent, trailing zeros trimmed ("15460", "21932.98").</summary>
    public static string Number(decimal value) => value.ToString("0.############################", CultureInfo.InvariantCulture);

    /// <summary>RFC 3339 UTC with the fractional digits trimmed, as recorded frames show ("…T02:39:59.5514Z", "…T02:40:00Z").</summary>
    public static string Rfc3339(DateTimeOffset at)
    {
        var utc = at.UtcDateTime;
        var text = utc.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff", CultureInfo.InvariantCulture).TrimEnd('0').TrimEnd('.');
        return text + "Z";
    }

    /// <summary>
    /// Go's <c>time.Time.String()</c> with the monotonic suffix, as <c>heartbeats.current_time</c> carries it:
    /// "2023-06-23 20:31:56.121961769 +0000 UTC m=+91717.525857105".
    /// </summary>
    public static string GoTime(DateTimeOffset at, TimeSpan sinceStart)
    {
        var utc = at.UtcDateTime;
        var fraction = (utc.Ticks % TimeSpan.TicksPerSecond * 100).ToString("000000000", CultureInfo.InvariantCulture).TrimEnd('0');
        var seconds = utc.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        var monotonic = (sinceStart.Ticks / (double)TimeSpan.TicksPerSecond).ToString("0.000000000", CultureInfo.InvariantCulture);
        return $"{seconds}{(fraction.Length > 0 ? "." + fraction : "")} +0000 UTC m=+{monotonic}";
    }

    public static DateTimeOffset FromUnixMs(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);
}
