using System.Text.Json;
using Trader.Host.Cli;
using Trader.Host.Composition;
using Trader.Pipeline.Clock;
using Trader.Testing;

namespace Trader.Host.Tests.Replay;

/// <summary>Runs <c>trader replay</c> in-process with a temp data dir; returns the exit code, the output and the parsed report.</summary>
internal sealed record ReplayRun(int ExitCode, string Out, string Error, JsonDocument? Report, string? ReportText)
{
    public static async Task<ReplayRun> RunAsync(string dataDir, string capture, params string[] extra) =>
        await RunAsync(new ProcessClock(TraderClock.Virtual(VirtualTime.Create())), dataDir, capture, extra);

    /// <summary>The same with a config folder other than the shipped one.</summary>
    public static async Task<ReplayRun> RunWithConfigAsync(string configDir, string dataDir, string capture, params string[] extra) =>
        await RunAsync(new ProcessClock(TraderClock.Virtual(VirtualTime.Create())), dataDir, capture, extra, configDir);

    public static async Task<ReplayRun> RunAsync(ProcessClock clock, string dataDir, string capture, string[] extra, string? configDir = null)
    {
        var reportPath = Path.Combine(dataDir, "reports", Guid.NewGuid().ToString("N") + ".json");
        var output = new StringWriter();
        var error = new StringWriter();
        var context = new CliContext(clock, output, error, _ => null);
        string[] args = ["--config", configDir ?? RepoPaths.Config, "--data-dir", dataDir, "replay", capture, "--report", reportPath, .. extra];
        var exit = await TraderCli.RunAsync(args, context);
        var text = File.Exists(reportPath) ? await File.ReadAllTextAsync(reportPath) : null;
        return new ReplayRun(exit, output.ToString(), error.ToString(), text is null ? null : JsonDocument.Parse(text), text);
    }

    public JsonElement Root => Report!.RootElement;

    public string Digest => Root.GetProperty("digest").GetString()!;

    public IEnumerable<JsonElement> Alerts(string kind) =>
        Root.GetProperty("alerts").EnumerateArray().Where(a => a.GetProperty("kind").GetString() == kind);

    public IEnumerable<JsonElement> Halts(string gate) =>
        Root.GetProperty("halts").EnumerateArray().Where(h => h.GetProperty("gate").GetString() == gate);
}
