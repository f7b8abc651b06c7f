using System.Text.Json;
using Trader.Pipeline.Telemetry;

namespace Trader.Host.Metrics;

/// <summary>
/// The running service's telemetry (cycle and REST latency quantiles, degraded share, counters, SLO states) as
/// <c>&lt;data-dir&gt;/telemetry.json</c>, rewritten after every decision cycle, so `trader status --json` — a separate
/// process beside the service — can report it (REQ-OB1, NFR-P1). Written to a temporary file and renamed, so a reader
/// never sees half a file.
/// </summary>
public static class TelemetryFile
{
    public const string FileName = "telemetry.json";

    public static void Write(string dataDir, StatusSnapshot snapshot)
    {
        var path = Path.Combine(dataDir, FileName);
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, snapshot.ToJson(indented: false));
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>The last snapshot a service wrote, or null when there is none (or it cannot be read).</summary>
    public static JsonElement? Read(string dataDir)
    {
        var path = Path.Combine(dataDir, FileName);
        if (!File.Exists(path)) return null;
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            return document.RootElement.Clone();
        }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
