using Trader.Pipeline.Safety;
using Trader.Pipeline.Execution;
using Trader.Pipeline.Decisions;
using Trader.Host.Runtime;
using Trader.Domain.Triggers;
using Trader.Domain.Decisions;
using System.CommandLine;
using System.Globalization;
using Serilog;
using Trader.Coinbase.Capture;
using Trader.Domain.Trading;
using Trader.Host.Cli;
using Trader.Host.Configuration;
using Trader.Host.Locking;
using Trader.Host.Logging;
using Trader.Host.Replay;
using Trader.Host.Reports;
using Trader.State.Storage;

namespace Trader.Host.Commands;

/// <summary>
/// <c>trader replay FILE [--mode dry-run|paper] [--venue paper|sim] [--speed max|1x|Nx] [--seed N] --report OUT.json</c>
/// (CONTRACTS.md §1, §6): takes the instance lock (exit 3 when held), loads the config (exit 2 listing problems), opens
/// the state DB, replays the capture through the market-data pipeline in virtual time, writes the report and prints a
/// short summary. Orders are not simulated yet: <c>--mode paper</c> is refused (exit 2) rather than pretended.
/// </summary>
public static class ReplayCommand
{
    public static Command Create(CliContext context)
    {
        var file = new Argument<string>("FILE") { Description = "Capture file (.capture or .capture.gz)" };
        var mode = new Option<string>("--mode") { Description = "dry-run|paper", DefaultValueFactory = _ => "dry-run" };
        mode.AcceptOnlyFromAmong("dry-run", "paper");
        var venue = new Option<string?>("--venue") { Description = "paper|sim (orders are not simulated in replay yet)" };
        venue.AcceptOnlyFromAmong("paper", "sim");
        var speed = new Option<string>("--speed") { Description = "max, 1x or Nx (virtual time N times real time)", DefaultValueFactory = _ => "max" };
        var seed = new Option<int?>("--seed") { Description = "Seed of the cycle jitter (default loop.seed, else 0)" };
        var report = new Option<string>("--report") { Description = "Where to write the JSON report", Required = true };

        var command = new Command("replay", "Replay a capture through the live pipeline in virtual time (takes the lock)");
        command.Arguments.Add(file);
        command.Options.Add(mode);
        command.Options.Add(venue);
        command.Options.Add(speed);
        command.Options.Add(seed);
        command.Options.Add(report);
        command.SetAction((parsed, cancellationToken) =>
        {
            if (parsed.GetValue(mode) == "paper")
            {
                context.Error.WriteLine("usage: --mode paper is not available in replay yet: order simulation is not connected (use dry-run)");
                return Task.FromResult(ExitCodes.BadInput);
            }
            var speedText = parsed.GetValue(speed);
            if (!ReplaySpeed.TryParse(speedText, out var pace))
            {
                context.Error.WriteLine($"usage: --speed: '{speedText}' is not max, 1x or Nx");
                return Task.FromResult(ExitCodes.BadInput);
            }
            if (parsed.GetValue(venue) is { } v)
                context.Error.WriteLine($"note: --venue {v} accepted, but replay does not simulate orders yet: no order is sent anywhere");
            var request = new Request(Path.GetFullPath(parsed.GetValue(file)!), pace, parsed.GetValue(seed), Path.GetFullPath(parsed.GetValue(report)!));
            return RunAsync(context, context.Globals.Read(parsed), request, cancellationToken);
        });
        return command;
    }

    private static void Record(ReplayDriver driver, Decision decision, string kind, ApprovedOrder order) =>
        driver.Ledger.Decision(decision.Now, isProposal: true, kind, order.Proposal.ProductId, order.Proposal.Side.ToString(),
            order.Order.BaseSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
            order.Order.Price.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private sealed record Request(string Capture, ReplaySpeed Speed, int? Seed, string ReportPath);

    private static async Task<int> RunAsync(CliContext context, CommonArgs args, Request request, CancellationToken cancellationToken)
    {
        if (!InstanceLock.TryAcquire(args.DataDir, context.Clock.Real.Time, out var instanceLock, out var refusal))
        {
            context.Error.WriteLine(refusal);
            return ExitCodes.AnotherInstance;
        }
        using (instanceLock)
        {
            var loaded = ConfigLoader.Load(args.ConfigDir);
            if (loaded.Config is not { } config)
            {
                loaded.WriteProblems(context.Error);
                context.Error.WriteLine($"config invalid: {loaded.Errors.Count()} error(s) in {args.ConfigDir}");
                return ExitCodes.BadInput;
            }
            if (!File.Exists(request.Capture))
            {
                context.Error.WriteLine($"usage: capture not found: {request.Capture}");
                return ExitCodes.BadInput;
            }

            var options = ReplayOptions.FromConfig(config, request.Seed ?? config.App.Loop.Seed ?? 0, request.Speed,
                request.Speed.IsMax ? null : context.Clock.Real.Time);
            try
            {
                using var store = StateStore.Open(Path.GetFullPath(Path.Combine(args.DataDir, config.App.State.Path)));
                ILogger? replayLog = null;
                // The driver's warnings (bad lines, rejected frames) are rate-limited there and logged in virtual time.
                using var driver = new ReplayDriver(options, new Trader.Host.Runtime.StateAlertJournal(store.Alerts, TimeSpan.FromDays(1), context.Clock.Real.Time), message => replayLog?.Warning("{Problem}", message));
                var logOptions = LogOptions.From(config.App.Logging, args.DataDir, TradingMode.DryRun, console: null, args.LogLevel);
                using var logger = TraderLogging.Create(logOptions, new SecretRedactor(), driver.Clock.TimeProvider);
                replayLog = logger.ForContext("Component", "replay");
                replayLog.Information("replay of {Capture} at speed {Speed}, seed {Seed}", request.Capture, request.Speed.ToString(), options.Seed);

                // DRY_RUN decisions on the replay's virtual clock: the same pipeline as `trader run`.
                var journal = new StateJournalSink(store.Journal);
                await using var pipeline = new DecisionPipeline(new DecisionEngine(config), new IndicatorBook(IndicatorSettings.From(config)),
                    driver.State, new DryRunPortfolioSource(config.Policy.Backtest.InitialCapitalUsd, new KillSwitch()), journal,
                    new DryRunExecutionPort(journal, driver.Clock.TimeProvider), driver.Clock.TimeProvider,
                    log: message => replayLog?.Warning("decision pipeline: {Problem}", message));
                using var candles = pipeline.SubscribeCandles(driver.Feed.Candles);
                driver.Cycle = async tick =>
                {
                    var result = await pipeline.RunCycleAsync(tick).ConfigureAwait(false);
                    if (result.Decision is not { } decision) return;
                    foreach (var exit in decision.Exits) Record(driver, decision, "exit", exit);
                    foreach (var entry in decision.Entries) Record(driver, decision, "entry", entry);
                    foreach (var rejection in decision.Rejections)
                    {
                        driver.Ledger.Rejected(rejection.ReasonCode);
                        driver.Ledger.Decision(decision.Now, isProposal: true, "rejected", rejection.ProductId, rejection.Side.ToString(), rejection.ReasonCode);
                    }
                };

                using var reader = CaptureReader.Open(request.Capture);
                var report = await driver.RunAsync(reader, cancellationToken).ConfigureAwait(false);
                ReplayReportWriter.WriteFile(request.ReportPath, report);
                replayLog.Information("replay done: {Frames} frames, {ParseErrors} parse errors, digest {Digest}", report.Frames, report.ParseErrors, report.Digest);
                WriteSummary(context.Out, report, request.ReportPath);
                return ExitCodes.Ok;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or Microsoft.Data.Sqlite.SqliteException)
            {
                context.Error.WriteLine($"replay failed: {e.Message}");
                return ExitCodes.RuntimeFailure;
            }
        }
    }

    private static void WriteSummary(TextWriter output, ReplayReport report, string reportPath)
    {
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"replay: {report.Frames} frames, {report.ParseErrors} parse errors, {report.Cycles} cycles, {report.Proposals} proposals (DRY_RUN: no orders)"));
        var byKind = report.Alerts.GroupBy(a => a.Kind).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"{g.Key} {g.Count()}");
        output.WriteLine($"alerts: {report.Alerts.Count}{(report.Alerts.Count > 0 ? " (" + string.Join(", ", byKind) + ")" : "")}");
        var rejected = report.RejectedByReason.Select(p => $"{p.Key} {p.Value}");
        output.WriteLine($"rejected ticks: {(report.RejectedByReason.Count == 0 ? "none" : string.Join(", ", rejected))}");
        var open = report.Halts.Count(h => h.ClearedTs is null);
        output.WriteLine($"halts: {report.Halts.Count} ({open} still open at the end)");
        output.WriteLine($"digest: {report.Digest}");
        output.WriteLine($"report: {reportPath}");
    }
}
