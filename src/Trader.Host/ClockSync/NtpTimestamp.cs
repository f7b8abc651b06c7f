namespace Trader.Host.ClockSync;

/// <summary>
/// NTP's 64-bit timestamp (RFC 4330 §3): seconds since 1900-01-01 in the high 32 bits, the binary fraction in the low 32.
/// A seconds field with its top bit clear is read in era 1 (from 2036-02-07T06:28:16Z), as RFC 4330 §3 advises,
/// so the format keeps working past 2036.
/// </summary>
public static class NtpTimestamp
{
    private static readonly DateTimeOffset Era0 = new(1900, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Era1 = Era0.AddSeconds(4294967296d);

    public static ulong FromTime(DateTimeOffset time)
    {
        var era = time >= Era1 ? Era1 : Era0;
        var ticks = (time - era).Ticks;
        var seconds = (ulong)(ticks / TimeSpan.TicksPerSecond);
        var fraction = (ulong)((UInt128)(ulong)(ticks % TimeSpan.TicksPerSecond) * (UInt128)(1UL << 32) / (ulong)TimeSpan.TicksPerSecond);
        return (seconds << 32) | fraction;
    }

    public static DateTimeOffset ToTime(ulong value)
    {
        var seconds = value >> 32;
        var fraction = value & 0xFFFF_FFFFUL;
        var era = (seconds & 0x8000_0000UL) != 0 ? Era0 : Era1;
        var fractionTicks = (long)((fraction * (ulong)TimeSpan.TicksPerSecond + (1UL << 31)) >> 32);
        return era.AddTicks((long)seconds * TimeSpan.TicksPerSecond + fractionTicks);
    }
}
