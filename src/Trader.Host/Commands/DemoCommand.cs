using System.CommandLine;
using Trader.Domain.Trading;
using Trader.Host.Cli;
using Trader.Host.Demo;
using Trader.Host.Replay;

namespace Trader.Host.Commands;

/// <summary>
/// <c>trader demo [--capture FILE] [--report OUT.json]</c> (CONTRACTS.md §3): the shipped two-day BTC/ETH/LTC capture
/// replayed in PAPER with venue <c>sim</c> — guards, decisions, risk, the real REST client with a throwaway key, the
/// embedded simulator fed from the same capture on the replay's virtual clock, fills back into positions — at max
/// speed. A progress bar on a terminal (stderr), then a summary table; the report goes to <c>--report</c> (default
/// <c>&lt;data-dir&gt;/demo-report.json</c>) and the run's state to <c>&lt;data-dir&gt;/demo/</c> (recreated each run).
/// Takes the lock.
/// </summary>
public static class DemoCommand
{
    public const string DefaultCapture = "data/captures/lean-btc-eth-ltc-20180404-05.capture.gz";
    public const string DefaultReportName = "demo-report.json";

    public static Command Create(CliContext context)
    {
        var capture = new Option<string>("--capture") { Description = "Capture to replay", DefaultValueFactory = _ => DefaultCapture };
        var report = new Option<string?>("--report") { Description = "Where to write the JSON report (default <data-dir>/demo-report.json)" };
        var command = new Command("demo", "Replay the shipped two-day capture in PAPER against the embedded simulator and print a summary (takes the lock)");
        command.Options.Add(capture);
        command.Options.Add(report);
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var args = context.Globals.Read(parsed);
            var capturePath = Path.GetFullPath(parsed.GetValue(capture)!);
            if (!File.Exists(capturePath))
            {
                context.Error.WriteLine($"usage: capture not found: {capturePath} (run from the repository root, or pass --capture FILE)");
                return ExitCodes.BadInput;
            }
            var reportPath = Path.GetFullPath(parsed.GetValue(report) ?? Path.Combine(args.DataDir, DefaultReportName));
            var request = new ReplayRequest(capturePath, ReplaySpeed.Max, Seed: null, reportPath, TradingMode.Paper, ReplayVenue.Sim, ReplayRequest.DemoDir);

            var bar = ProgressBar.ForConsoleError(context.Error, "demo");
            var outcome = await ReplayRunner.RunAsync(context, args, request, bar.Visible ? bar.Report : null, cancellationToken);
            bar.Done();
            if (outcome.Report is not { } result) return outcome.ExitCode;
            DemoSummary.Write(context.Out, result, outcome.OpenPositions, parsed.GetValue(capture)!, reportPath, outcome.MarketTime, outcome.UserChannel);
            return outcome.ExitCode;
        });
        return command;
    }
}
