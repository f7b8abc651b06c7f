namespace Trader.Host.ClockSync;

/// <summary>
/// What one NTP server said: the clock offset (server minus us: positive means our clock is behind) and round-trip
/// delay of RFC 4330 §5, its stratum, or why there is no usable answer.
/// </summary>
public sealed record ServerReading(string Server, TimeSpan? Offset, TimeSpan? RoundTrip, int? Stratum, string? Error)
{
    public bool Answered => Offset is not null;

    public static ServerReading Failed(string server, string error) => new(server, null, null, null, error);
}
