using System.CommandLine;
using Trader.Domain.Trading;
using Trader.Host.Cli;
using Trader.Host.Runtime;

namespace Trader.Host.Commands;

/// <summary><c>trader run --mode dry-run|paper|live …</c>: the long-running service (CONTRACTS.md §1).</summary>
public static class RunCommand
{
    public static Command Create(CliContext context)
    {
        var mode = new Option<string?>("--mode") { Description = "dry-run | paper | live (default: app.mode, itself DRY_RUN by default)" };
        mode.AcceptOnlyFromAmong("dry-run", "paper", "live");
        var feed = new Option<string>("--feed") { Description = "coinbase | replay:FILE", DefaultValueFactory = _ => "coinbase" };
        var venue = new Option<string?>("--venue") { Description = "paper | sim | sim:URL | coinbase" };
        var metricsPort = new Option<int?>("--metrics-port") { Description = "Prometheus /metrics port on 127.0.0.1" };
        var seed = new Option<int?>("--seed") { Description = "Seed for the jittered cycle schedule (loop.seed)" };
        var command = new Command("run", "Run the trading service until SIGTERM/SIGINT (takes the lock)");
        foreach (var option in new Option[] { mode, feed, venue, metricsPort, seed }) command.Options.Add(option);
        command.SetAction(async (parsed, _) =>
        {
            var options = new RunOptions(ParseMode(parsed.GetValue(mode)), parsed.GetValue(feed)!, parsed.GetValue(venue),
                parsed.GetValue(metricsPort), parsed.GetValue(seed));
            using var signal = new ShutdownSignal();
            try
            {
                return await new TraderService(context).RunAsync(context.Globals.Read(parsed), options, signal.Token);
            }
            catch (OperationCanceledException) when (signal.Token.IsCancellationRequested)
            {
                // A stop requested while starting (gates, clock check, reconciliation): everything started so far has
                // been disposed on the way out and no cycle ran, so this is a clean stop, not a failure.
                context.Error.WriteLine($"stopped by {signal.Signal} during start-up, before the first cycle");
                return ExitCodes.Ok;
            }
        });
        return command;
    }

    public static TradingMode? ParseMode(string? text) => text switch
    {
        "dry-run" => TradingMode.DryRun,
        "paper" => TradingMode.Paper,
        "live" => TradingMode.Live,
        _ => null,
    };
}
