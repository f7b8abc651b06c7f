using System.Globalization;
using System.Text.Json;

namespace Trader.Host.Locking;

/// <summary>Who holds the data directory: process id, host name and when it started (from the injected clock).</summary>
public sealed record LockOwner(int Pid, string Host, DateTimeOffset Since)
{
    public override string ToString() =>
        $"pid {Pid} on host {Host} since {Since.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)}";

    public string ToJson() => JsonSerializer.Serialize(new Dto(Pid, Host, Since.ToUniversalTime()));

    public static LockOwner? TryParse(string text)
    {
        try
        {
            var dto = JsonSerializer.Deserialize<Dto>(text);
            return dto is null || string.IsNullOrEmpty(dto.host) ? null : new LockOwner(dto.pid, dto.host, dto.since);
        }
        catch (JsonException)
        {
            return null;
        }
    }

#pragma warning disable IDE1006 // the file's field names are snake_case like every other file we write
    private sealed record Dto(int pid, string host, DateTimeOffset since);
#pragma warning restore IDE1006
}
