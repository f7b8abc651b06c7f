namespace Trader.Coinbase.Parsing;

/// <summary>
/// Allocation-free parsers for the two time formats Coinbase sends, straight from UTF-8 bytes:
/// RFC 3339 with 0–9 fractional digits (<c>2026-09-30T02:37:14.08981798Z</c>) and Go's <c>time.Time.String()</c>
/// of heartbeats (<c>2023-06-23 20:31:56.121961769 +0000 UTC m=+91717.525857105</c>). Digits beyond 100 ns are
/// truncated (DateTimeOffset's resolution).
/// </summary>
internal static class WireTime
{
    /// <summary><c>YYYY-MM-DD(T|t| )HH:MM:SS[.f{1,9}](Z|z|±HH:MM)</c>.</summary>
    public static bool TryParseRfc3339(ReadOnlySpan<byte> s, out DateTimeOffset value)
    {
        value = default;
        if (!TryParseDateTime(s, out var local, out var pos, allowSpace: true)) return false;
        if (pos >= s.Length) return false;
        TimeSpan offset;
        if (s[pos] is (byte)'Z' or (byte)'z')
        {
            offset = TimeSpan.Zero;
            pos++;
        }
        else if (s[pos] is (byte)'+' or (byte)'-')
        {
            if (s.Length - pos != 6 || s[pos + 3] != (byte)':') return false;
            if (!TwoDigits(s, pos + 1, out var oh) || !TwoDigits(s, pos + 4, out var om) || oh > 23 || om > 59) return false;
            offset = new TimeSpan(oh, om, 0);
            if (s[pos] == (byte)'-') offset = -offset;
            pos += 6;
        }
        else
        {
            return false;
        }

        if (pos != s.Length) return false;
        return TryMake(local, offset, out value);
    }

    /// <summary>Go's <c>time.Time.String()</c>: <c>YYYY-MM-DD HH:MM:SS[.f+] ±HHMM</c>, then anything (zone name, monotonic reading).</summary>
    public static bool TryParseGo(ReadOnlySpan<byte> s, out DateTimeOffset value)
    {
        value = default;
        if (!TryParseDateTime(s, out var local, out var pos, allowSpace: true)) return false;
        if (s.Length - pos < 6 || s[pos] != (byte)' ') return false;
        pos++;
        var sign = s[pos];
        if (sign is not ((byte)'+' or (byte)'-')) return false;
        if (!TwoDigits(s, pos + 1, out var oh) || !TwoDigits(s, pos + 3, out var om) || oh > 23 || om > 59) return false;
        pos += 5;
        if (pos != s.Length && s[pos] != (byte)' ') return false;
        var offset = new TimeSpan(oh, om, 0);
        if (sign == (byte)'-') offset = -offset;
        return TryMake(local, offset, out value);
    }

    private static bool TryMake(DateTime local, TimeSpan offset, out DateTimeOffset value)
    {
        value = default;
        var utcTicks = local.Ticks - offset.Ticks;
        if (utcTicks < DateTime.MinValue.Ticks || utcTicks > DateTime.MaxValue.Ticks) return false;
        value = new DateTimeOffset(utcTicks, TimeSpan.Zero);
        return true;
    }

    /// <summary>Date, separator, time and optional fraction; <paramref name="pos"/> ends after the fraction.</summary>
    private static bool TryParseDateTime(ReadOnlySpan<byte> s, out DateTime value, out int pos, bool allowSpace)
    {
        value = default;
        pos = 0;
        if (s.Length < 19) return false;
        if (!FourDigits(s, 0, out var year) || s[4] != (byte)'-' || !TwoDigits(s, 5, out var month) || s[7] != (byte)'-'
            || !TwoDigits(s, 8, out var day)) return false;
        var sep = s[10];
        if (sep is not ((byte)'T' or (byte)'t') && !(allowSpace && sep == (byte)' ')) return false;
        if (!TwoDigits(s, 11, out var hour) || s[13] != (byte)':' || !TwoDigits(s, 14, out var minute) || s[16] != (byte)':'
            || !TwoDigits(s, 17, out var second)) return false;
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)) return false;
        if (hour > 23 || minute > 59 || second > 59) return false;

        pos = 19;
        long fractionTicks = 0;
        if (pos < s.Length && s[pos] == (byte)'.')
        {
            pos++;
            var start = pos;
            var scale = TimeSpan.TicksPerSecond / 10;
            while (pos < s.Length && IsDigit(s[pos]))
            {
                if (scale > 0)
                {
                    fractionTicks += (s[pos] - '0') * scale;
                    scale /= 10;
                }
                pos++;
            }
            var digits = pos - start;
            if (digits is 0 or > 9) return false;
        }

        var ticks = new DateTime(year, month, day).Ticks
            + hour * TimeSpan.TicksPerHour + minute * TimeSpan.TicksPerMinute + second * TimeSpan.TicksPerSecond + fractionTicks;
        value = new DateTime(ticks, DateTimeKind.Unspecified);
        return true;
    }

    private static bool IsDigit(byte b) => (uint)(b - '0') <= 9;

    private static bool TwoDigits(ReadOnlySpan<byte> s, int at, out int value)
    {
        value = 0;
        if (at + 2 > s.Length || !IsDigit(s[at]) || !IsDigit(s[at + 1])) return false;
        value = (s[at] - '0') * 10 + (s[at + 1] - '0');
        return true;
    }

    private static bool FourDigits(ReadOnlySpan<byte> s, int at, out int value)
    {
        value = 0;
        if (!TwoDigits(s, at, out var hi) || !TwoDigits(s, at + 2, out var lo)) return false;
        value = hi * 100 + lo;
        return true;
    }
}
