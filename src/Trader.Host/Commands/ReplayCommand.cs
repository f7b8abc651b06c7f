using System.CommandLine;
using System.Globalization;
using Trader.Domain.Trading;
using Trader.Host.Cli;
using Trader.Host.Replay;
using Trader.Host.Reports;

namespace Trader.Host.Commands;

/// <summary>
/// <c>trader replay FILE [--mode dry-run|paper] [--venue paper|sim] [--speed max|1x|Nx] [--seed N] --report OUT.json</c>
/// (CONTRACTS.md §1, §2, §6): takes the instance lock (exit 3 when held), loads the config (exit 2 listing problems),
/// replays the capture through the market-data and decision pipeline in virtual time, writes the report and prints a
/// short summary. DRY_RUN journals every would-be order; PAPER sends them through the order manager to the paper wallet
/// (<c>--venue paper</c>, default) or the embedded simulator (<c>--venue sim</c>), with its own state under
/// <c>&lt;data-dir&gt;/replay-paper/</c>, recreated each run.
/// </summary>
public static class ReplayCommand
{
    public static Command Create(CliContext context)
    {
        var file = new Argument<string>("FILE") { Description = "Capture file (.capture or .capture.gz)" };
        var mode = new Option<string>("--mode") { Description = "dry-run|paper", DefaultValueFactory = _ => "dry-run" };
        mode.AcceptOnlyFromAmong("dry-run", "paper");
        var venue = new Option<string?>("--venue") { Description = "PAPER venue: paper (in-process wallet, default) or sim (the embedded simulator over REST)" };
        venue.AcceptOnlyFromAmong("paper", "sim");
        var speed = new Option<string>("--speed") { Description = "max, 1x or Nx (virtual time N times real time)", DefaultValueFactory = _ => "max" };
        var seed = new Option<int?>("--seed") { Description = "Seed of the cycle jitter and order ids (default loop.seed, else 0)" };
        var report = new Option<string>("--report") { Description = "Where to write the JSON report", Required = true };

        var command = new Command("replay", "Replay a capture through the live pipeline in virtual time (takes the lock)");
        command.Arguments.Add(file);
        command.Options.Add(mode);
        command.Options.Add(venue);
        command.Options.Add(speed);
        command.Options.Add(seed);
        command.Options.Add(report);
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var speedText = parsed.GetValue(speed);
            if (!ReplaySpeed.TryParse(speedText, out var pace))
            {
                context.Error.WriteLine($"usage: --speed: '{speedText}' is not max, 1x or Nx");
                return ExitCodes.BadInput;
            }
            var paper = parsed.GetValue(mode) == "paper";
            var venueText = parsed.GetValue(venue);
            if (!paper && venueText is not null)
            {
                context.Error.WriteLine($"usage: --venue {venueText} needs --mode paper (DRY_RUN sends no order anywhere)");
                return ExitCodes.BadInput;
            }
            var request = new ReplayRequest(Path.GetFullPath(parsed.GetValue(file)!), pace, parsed.GetValue(seed), Path.GetFullPath(parsed.GetValue(report)!),
                paper ? TradingMode.Paper : TradingMode.DryRun, venueText == "sim" ? ReplayVenue.Sim : ReplayVenue.Paper, ReplayRequest.ReplayPaperDir);
            var outcome = await ReplayRunner.RunAsync(context, context.Globals.Read(parsed), request, progress: null, cancellationToken);
            if (outcome.Report is { } r) WriteSummary(context.Out, r, request);
            return outcome.ExitCode;
        });
        return command;
    }

    private static void WriteSummary(TextWriter output, ReplayReport report, ReplayRequest request)
    {
        var what = request.Mode == TradingMode.Paper
            ? $"PAPER on venue {ReplayRunner.VenueText(request.Venue)}: {report.OrdersPlaced} orders placed, {report.Fills} fills, fees {ReportFormat.Money(report.Fees)}, realized PnL {ReportFormat.Money(report.RealizedPnl)}"
            : "DRY_RUN: no orders";
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"replay: {report.Frames} frames, {report.ParseErrors} parse errors, {report.Cycles} cycles, {report.Proposals} proposals ({what})"));
        var byKind = report.Alerts.GroupBy(a => a.Kind).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"{g.Key} {g.Count()}");
        output.WriteLine($"alerts: {report.Alerts.Count}{(report.Alerts.Count > 0 ? " (" + string.Join(", ", byKind) + ")" : "")}");
        var rejected = report.RejectedByReason.Select(p => $"{p.Key} {p.Value}");
        output.WriteLine($"rejected ticks: {(report.RejectedByReason.Count == 0 ? "none" : string.Join(", ", rejected))}");
        var open = report.Halts.Count(h => h.ClearedTs is null);
        output.WriteLine($"halts: {report.Halts.Count} ({open} still open at the end)");
        output.WriteLine($"digest: {report.Digest}");
        output.WriteLine($"report: {request.ReportPath}");
    }
}
