using System.Globalization;
using System.Text.Json;
using Trader.Pipeline.Safety;

namespace Trader.Host.Safety;

/// <summary>
/// The kill file in the data directory (<c>governance.kill_switch_file</c>, REQ-K1). `trader kill` writes it with
/// the reason, the operator and the activation time; an operator may also just create it (e.g. `touch`), in which
/// case its modification time is the activation time. Its presence halts every service on that data directory.
/// </summary>
public sealed class KillFile(string path) : IKillSignalProbe
{
    public string Path { get; } = path;

    public void Write(string reason, string user, DateTimeOffset activatedAt)
    {
        var temp = Path + ".tmp";
        File.WriteAllText(temp, JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["reason"] = reason,
            ["user"] = user,
            ["activated_at"] = activatedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
        }));
        File.Move(temp, Path, overwrite: true);
    }

    public bool Delete()
    {
        if (!File.Exists(Path)) return false;
        File.Delete(Path);
        return true;
    }

    public KillRequest? Probe()
    {
        try
        {
            if (!File.Exists(Path)) return null;
            var text = File.ReadAllText(Path);
            var modified = new DateTimeOffset(File.GetLastWriteTimeUtc(Path), TimeSpan.Zero);
            try
            {
                var fields = JsonSerializer.Deserialize<Dictionary<string, string>>(text);
                if (fields is not null && fields.TryGetValue("reason", out var reason)
                    && fields.TryGetValue("activated_at", out var at)
                    && DateTimeOffset.TryParse(at, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var activatedAt))
                    return new KillRequest(reason, "kill_file", activatedAt);
            }
            catch (JsonException)
            {
            }
            return new KillRequest(string.IsNullOrWhiteSpace(text) ? "kill file present" : text.Trim(), "kill_file", modified);
        }
        catch (IOException)
        {
            return new KillRequest("kill file present (unreadable)", "kill_file", DateTimeOffset.MinValue);
        }
        catch (UnauthorizedAccessException)
        {
            return new KillRequest("kill file present (unreadable)", "kill_file", DateTimeOffset.MinValue);
        }
    }
}
