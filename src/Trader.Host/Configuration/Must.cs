using System.Globalization;
using System.Text.RegularExpressions;

namespace Trader.Host.Configuration;

/// <summary>
/// Range and shape rules for single values: each returns null when the value is fine, or what it must be
/// ("must be > 0"). The reader appends what it got. Unsafe values are refused, never clamped.
/// </summary>
internal static partial class Must
{
    public static Func<decimal, string?> Positive { get; } = v => v > 0 ? null : "must be > 0";
    public static Func<decimal, string?> NonNegative { get; } = v => v >= 0 ? null : "must be ≥ 0";
    /// <summary>A share of NAV in percent: (0, 100].</summary>
    public static Func<decimal, string?> Percent { get; } = v => v > 0 && v <= 100 ? null : "must be in (0, 100] (percent)";
    public static Func<decimal, string?> PercentOrZero { get; } = v => v >= 0 && v <= 100 ? null : "must be in [0, 100] (percent)";
    /// <summary>A loss threshold in percent: strictly negative and above −100.</summary>
    public static Func<decimal, string?> NegativePercent { get; } = v => v < 0 && v > -100 ? null : "must be negative and > -100 (a loss in percent)";
    /// <summary>A fraction of NAV (0.03 = 3 %): (0, 1].</summary>
    public static Func<decimal, string?> Fraction { get; } = v => v > 0 && v <= 1 ? null : "must be in (0, 1] (a fraction of NAV: 0.03 = 3 %)";
    public static Func<decimal, string?> UnitInterval { get; } = v => v >= 0 && v <= 1 ? null : "must be in [0, 1]";
    public static Func<double, string?> PositiveDouble { get; } = v => v > 0 && double.IsFinite(v) ? null : "must be > 0";

    public static Func<long, string?> PositiveWhole { get; } = v => v > 0 ? null : "must be ≥ 1";
    public static Func<long, string?> NonNegativeWhole { get; } = v => v >= 0 ? null : "must be ≥ 0";
    public static Func<long, string?> Port { get; } = v => v is >= 1 and <= 65535 ? null : "must be a port in 1–65535";

    public static Func<decimal, string?> Between(decimal min, decimal max, string? why = null) =>
        v => v >= min && v <= max ? null : $"must be in [{Show(min)}, {Show(max)}]{Why(why)}";

    public static Func<decimal, string?> AboveZeroAtMost(decimal max, string? why = null) =>
        v => v > 0 && v <= max ? null : $"must be in (0, {Show(max)}]{Why(why)}";

    public static Func<long, string?> WholeBetween(long min, long max, string? why = null) =>
        v => v >= min && v <= max ? null : $"must be in {min}–{max}{Why(why)}";

    public static Func<bool, string?> BeTrue(string why) => v => v ? null : $"must be true ({why})";

    public static Func<string, string?> NotEmpty { get; } = v => string.IsNullOrWhiteSpace(v) ? "must not be empty" : null;

    public static Func<string, string?> EnvVarName { get; } =
        v => EnvName().IsMatch(v) ? null : "must be the NAME of an environment variable (letters, digits, _)";

    /// <summary>An absolute URL with one of the schemes; the insecure scheme only for a loopback host (a local simulator).</summary>
    public static Func<string, string?> Url(string secureScheme, string loopbackScheme) => v =>
    {
        if (!Uri.TryCreate(v, UriKind.Absolute, out var uri))
            return $"must be an absolute {secureScheme}:// URL";
        if (uri.Scheme == secureScheme || (uri.Scheme == loopbackScheme && uri.IsLoopback))
            return null;
        return $"must be a {secureScheme}:// URL ({loopbackScheme}:// only for 127.0.0.1/localhost)";
    };

    /// <summary>host or host:port.</summary>
    public static Func<string, string?> HostAndPort { get; } = v =>
    {
        var colon = v.LastIndexOf(':');
        var host = colon < 0 ? v : v[..colon];
        if (host.Length == 0 || Uri.CheckHostName(host) == UriHostNameType.Unknown)
            return "must be host or host:port";
        if (colon >= 0 && !(int.TryParse(v[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is >= 1 and <= 65535))
            return "must be host or host:port with a port in 1–65535";
        return null;
    };

    private static string Why(string? why) => why is null ? "" : $" ({why})";

    private static string Show(decimal v) => v.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex EnvName();
}
