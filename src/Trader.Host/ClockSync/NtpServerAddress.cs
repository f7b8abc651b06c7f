using System.Globalization;

namespace Trader.Host.ClockSync;

/// <summary>One entry of <c>clock.ntp_servers</c>: <c>host[:port]</c>, port 123 when not given (REQ-TIME1).</summary>
public sealed record NtpServerAddress(string Host, int Port)
{
    public const int DefaultPort = 123;

    /// <summary>Parses an entry the config validator already accepted (<c>Must.HostAndPort</c>); anything else is an <see cref="FormatException"/>.</summary>
    public static NtpServerAddress Parse(string text)
    {
        var colon = text.LastIndexOf(':');
        if (colon < 0) return new NtpServerAddress(text, DefaultPort);
        if (!int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535 || colon == 0)
            throw new FormatException($"'{text}' is not host or host:port");
        return new NtpServerAddress(text[..colon], port);
    }

    public override string ToString() => Port == DefaultPort ? Host : $"{Host}:{Port.ToString(CultureInfo.InvariantCulture)}";
}
