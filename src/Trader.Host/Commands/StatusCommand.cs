using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Trader.Host.Cli;
using Trader.Host.Configuration;
using Trader.Host.Locking;
using Trader.Host.Logging;
using Trader.Host.Metrics;
using Trader.Host.Safety;
using Trader.State.Orders;
using Trader.State.Storage;

namespace Trader.Host.Commands;

/// <summary>
/// <c>trader status [--json]</c>: what the data directory says now — whether a service holds it (and which), the
/// configured mode, the kill switch and every active halt, open positions, working orders and unresolved alerts.
/// Read beside a running service (no lock; SQLite WAL lets it read while the service writes).
/// </summary>
public static class StatusCommand
{
    public static Command Create(CliContext context)
    {
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of a table" };
        var command = new Command("status", "Mode, halts, positions, working orders and alerts of a data directory (no lock)");
        command.Options.Add(json);
        command.SetAction(parsed =>
        {
            var args = context.Globals.Read(parsed);
            var loaded = ConfigLoader.Load(args.ConfigDir);
            loaded.WriteProblems(context.Error);
            if (loaded.Config is not { } config) return ExitCodes.BadInput;

            var statePath = Path.Combine(args.DataDir, config.App.State.Path);
            var report = new StatusReport
            {
                DataDir = args.DataDir,
                Service = RunningOwner(args.DataDir)?.ToString(),
                Mode = TraderLogging.ModeName(config.App.App.Mode),
                ReadOnly = config.App.Exchange.ReadOnly,
                KillFile = File.Exists(Path.Combine(args.DataDir, config.Policy.Governance.KillSwitchFile)),
                Telemetry = TelemetryFile.Read(args.DataDir),
            };
            if (File.Exists(statePath))
            {
                using var store = StateStore.Open(statePath);
                var now = context.Clock.Real.Now;
                report = report with
                {
                    Halts = store.Halts.Active().Select(h => new StatusHalt(h.Gate, h.Scope, h.HaltReason, Ts(h.ActivatedTs))).ToList(),
                    Positions = store.Positions.Open().Select(p => new StatusPosition(p.ProductId, Money(p.BaseSize), Money(p.AverageCost), Money(p.NetRealizedPnl))).ToList(),
                    WorkingOrders = store.Orders.Working().Select(o => new StatusOrder(o.ClientOrderId, o.ProductId, o.Side.ToString().ToUpperInvariant(),
                        o.OrderType, o.Price is { } p ? Money(p) : null, o.Size is { } s ? Money(s) : null, OrderStatusText.ToText(o.Status), Ts(o.CreatedTs))).ToList(),
                    UnresolvedAlerts = store.Alerts.Unresolved().Where(a => a.Ts >= now - TimeSpan.FromDays(1))
                        .Select(a => new StatusAlert(Ts(a.Ts), a.Kind, a.Severity, a.ProductId, a.Message)).ToList(),
                    JournalRows = store.Journal.Count(),
                };
            }
            var killActive = report.KillFile || report.Halts.Any(h => h.Gate == HaltRowProbe.Gate);
            report = report with { KillSwitch = killActive };

            if (parsed.GetValue(json))
                context.Out.WriteLine(JsonSerializer.Serialize(report, StatusJson.Options));
            else
                WriteTable(context.Out, report);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static void WriteTable(TextWriter o, StatusReport r)
    {
        o.WriteLine($"data dir        {r.DataDir}");
        o.WriteLine($"service         {r.Service ?? "not running"}");
        o.WriteLine($"mode (config)   {r.Mode}{(r.ReadOnly ? ", read-only" : "")}");
        o.WriteLine($"kill switch     {(r.KillSwitch ? "ACTIVE" : "off")}");
        o.WriteLine($"halts           {(r.Halts.Count == 0 ? "none" : string.Join("; ", r.Halts.Select(h => $"{h.Gate}/{h.Scope} since {h.Since}: {h.Reason}")))}");
        o.WriteLine($"positions       {(r.Positions.Count == 0 ? "none" : string.Join("; ", r.Positions.Select(p => $"{p.ProductId} {p.Size} @ {p.AverageCost}")))}");
        o.WriteLine($"working orders  {(r.WorkingOrders.Count == 0 ? "none" : string.Join("; ", r.WorkingOrders.Select(w => $"{w.ClientOrderId} {w.Side} {w.Size} {w.ProductId} {w.Status}")))}");
        o.WriteLine($"alerts (24 h)   {(r.UnresolvedAlerts.Count == 0 ? "none unresolved" : string.Join("; ", r.UnresolvedAlerts.Select(a => $"{a.Ts} {a.Severity} {a.Kind}: {a.Message}")))}");
        o.WriteLine($"journal rows    {r.JournalRows}");
        o.WriteLine($"cycles          {CycleLine(r.Telemetry)}");
    }

    /// <summary>Cycle latency over the telemetry window and the SLO verdicts, from the service's last snapshot.</summary>
    private static string CycleLine(JsonElement? telemetry)
    {
        if (telemetry is not { } t || !t.TryGetProperty("cycle_latency", out var cycle)) return "no telemetry yet (written by `trader run` after each cycle)";
        static string Ms(JsonElement latency, string name) =>
            latency.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number
                ? (v.GetDouble() * 1000).ToString("0.#", CultureInfo.InvariantCulture) + " ms"
                : "n/a";
        var violated = t.TryGetProperty("slos", out var slos)
            ? slos.EnumerateArray().Where(s => s.GetProperty("violated").GetBoolean()).Select(s => s.GetProperty("name").GetString()).ToList()
            : [];
        return $"p50 {Ms(cycle, "p50_seconds")}, p95 {Ms(cycle, "p95_seconds")}, p99 {Ms(cycle, "p99_seconds")} over {cycle.GetProperty("window_samples").GetInt32()} cycles " +
               $"as of {t.GetProperty("ts").GetString()}; SLOs {(violated.Count == 0 ? "met" : "VIOLATED: " + string.Join(", ", violated))}";
    }

    /// <summary>The lock's recorded owner if that process is still alive on this host (the owner file outlives a crash).</summary>
    private static LockOwner? RunningOwner(string dataDir)
    {
        if (InstanceLock.ReadOwner(dataDir) is not { } owner) return null;
        if (owner.Host != Environment.MachineName) return owner;
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(owner.Pid);
            return process.HasExited ? null : owner;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static string Ts(DateTimeOffset ts) => ts.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static string Money(decimal value) => value.ToString(CultureInfo.InvariantCulture);
}
