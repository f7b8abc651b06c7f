using System.CommandLine;
using Trader.Domain.Trading;
using Trader.Host.Cli;
using Trader.Host.Configuration;
using Trader.Host.Drill;
using Trader.Host.Logging;
using Trader.State.Storage;

namespace Trader.Host.Commands;

/// <summary>
/// <c>trader drill kill [--orders N]</c> (CONTRACTS.md §1): a timed kill-switch drill against the embedded simulator
/// (<see cref="KillDrill"/>). Takes the lock first; prints one JSON line
/// <c>{"detect_ms":…,"alert_ms":…,"cancel_all_ms":…,"orders_cancelled":N,"orders_left":0,"passed":true}</c>, records it
/// as <c>kill_drill</c> evidence in the data directory's state DB, and exits 0 when every deadline (3 s / 5 s / 10 s)
/// is met with nothing left working, else 1 (the JSON is printed either way). Logs go to stderr and the log files.
/// </summary>
public static class DrillCommand
{
    public const int MaxOrders = 20;

    public static Command Create(CliContext context)
    {
        var orders = new Option<int>("--orders") { Description = $"Resting orders to place before the kill (1–{MaxOrders})", DefaultValueFactory = _ => 5 };
        var kill = new Command("kill", "Timed kill-switch drill against the embedded simulator: prints one JSON line and records it as go-live evidence");
        kill.Options.Add(orders);
        kill.SetAction(async (parsed, token) =>
        {
            var args = context.Globals.Read(parsed);
            var clock = context.Clock.Real;
            if (!context.TryLockDataDir(args.DataDir, out var instanceLock)) return ExitCodes.AnotherInstance;
            using var held = instanceLock;

            var loaded = ConfigLoader.Load(args.ConfigDir);
            loaded.WriteProblems(context.Error);
            if (loaded.Config is not { } config) return ExitCodes.BadInput;
            var count = parsed.GetValue(orders);
            if (count is < 1 or > MaxOrders)
            {
                context.Error.WriteLine($"usage: --orders: {count} is not between 1 and {MaxOrders}");
                return ExitCodes.BadInput;
            }

            using var logger = TraderLogging.Create(LogOptions.From(config.App.Logging, args.DataDir, TradingMode.Paper, context.Error, args.LogLevel),
                new SecretRedactor(), clock.Time);
            using var store = StateStore.Open(Path.Combine(args.DataDir, config.App.State.Path));
            var drill = new KillDrill(clock, config, Path.Combine(args.DataDir, "drill"), context.Environment, logger);
            KillDrillResult result;
            try
            {
                result = await drill.RunAsync(count, token);
            }
            catch (HttpRequestException e)
            {
                result = KillDrillResult.Failed("the simulator could not be reached: " + e.Message);
            }
            var json = result.ToJson();
            store.Evidence.Record(KillDrill.EvidenceKind, clock.Now, json);
            context.Out.WriteLine(json);
            context.Out.Flush();
            return result.Passed ? ExitCodes.Ok : ExitCodes.RuntimeFailure;
        });

        var drill = new Command("drill", "Timed safety drills (against the embedded simulator)");
        drill.Subcommands.Add(kill);
        return drill;
    }
}
