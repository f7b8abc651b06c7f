using System.Globalization;
using Serilog;
using Trader.Coinbase.Capture;
using Trader.Domain.Decisions;
using Trader.Domain.Triggers;
using Trader.Domain.Trading;
using Trader.Host.Cli;
using Trader.Host.Configuration;
using Trader.Host.Logging;
using Trader.Host.Reports;
using Trader.Host.Runtime;
using Trader.Pipeline.Decisions;
using Trader.Pipeline.Execution;
using Trader.Pipeline.Safety;
using Trader.Pipeline.Scheduling;
using Trader.State.Storage;

namespace Trader.Host.Replay;

/// <summary>
/// What <c>trader replay</c> and <c>trader demo</c> share: take the lock (exit 3 when held), load the config (exit 2
/// listing problems), replay the capture through the guards and the decision pipeline on the replay's virtual clock —
/// DRY_RUN (every would-be order journaled) or PAPER (the order manager with the paper wallet or the embedded
/// simulator, see <see cref="PaperReplayExecution"/>) — and write the CONTRACTS.md §6 report.
/// </summary>
public static class ReplayRunner
{
    /// <summary>The outcome: an exit code and, when it is 0, the report and the span of market time replayed.</summary>
    public sealed record Outcome(int ExitCode, ReplayReport? Report, TimeSpan MarketTime = default)
    {
        /// <summary>PAPER: the positions still open at the end, marked at the last mid (not part of the report).</summary>
        public IReadOnlyList<OpenPosition> OpenPositions { get; init; } = [];

        /// <summary>PAPER on the simulator: its user channel's order updates and the cycles that read every order over REST instead.</summary>
        public (long Updates, long Fallbacks)? UserChannel { get; init; }
    }

    /// <param name="progress">Called after each frame with the capture's compressed bytes read and its size.</param>
    public static async Task<Outcome> RunAsync(CliContext context, CommonArgs args, ReplayRequest request,
        Action<long, long>? progress, CancellationToken cancellationToken)
    {
        if (!context.TryLockDataDir(args.DataDir, out var instanceLock)) return new Outcome(ExitCodes.AnotherInstance, null);
        using (instanceLock)
        {
            var loaded = ConfigLoader.Load(args.ConfigDir);
            if (loaded.Config is not { } config)
            {
                loaded.WriteProblems(context.Error);
                context.Error.WriteLine($"config invalid: {loaded.Errors.Count()} error(s) in {args.ConfigDir}");
                return new Outcome(ExitCodes.BadInput, null);
            }
            if (!File.Exists(request.Capture))
            {
                context.Error.WriteLine($"usage: capture not found: {request.Capture}");
                return new Outcome(ExitCodes.BadInput, null);
            }

            var seed = request.Seed ?? config.App.Loop.Seed ?? 0;
            var options = ReplayOptions.FromConfig(config, seed, request.Speed, request.Speed.IsMax ? null : context.Clock.Real.Time);
            var paper = request.Mode == TradingMode.Paper;
            try
            {
                // PAPER replays keep their account apart from the DRY_RUN/LIVE state, in a folder recreated each run (so a
                // rerun starts from the same empty account and gives the same digest).
                var paperDir = Path.Combine(Path.GetFullPath(args.DataDir), request.PaperStateDir);
                var statePath = paper ? PaperReplayExecution.PrepareStateDir(paperDir) : Path.GetFullPath(Path.Combine(args.DataDir, config.App.State.Path));
                ILogger? replayLog = null;
                Action<string> warn = message => replayLog?.Warning("{Problem}", message);

                PaperReplayExecution? execution = null;
                using var store = StateStore.Open(statePath, durable: !paper);
                var logOptions = LogOptions.From(config.App.Logging, args.DataDir, request.Mode, console: null, args.LogLevel);
                try
                {
                    var driver = new ReplayDriver(options, new StateAlertJournal(store.Alerts, TimeSpan.FromDays(1), context.Clock.Real.Time), warn);
                    using (driver)
                    {
                        using var logger = TraderLogging.Create(logOptions, new SecretRedactor(), driver.Clock.TimeProvider);
                        replayLog = logger.ForContext("Component", "replay");
                        replayLog.Information("replay of {Capture} in {Mode} (venue {Venue}) at speed {Speed}, seed {Seed}", request.Capture,
                            ModeText(request.Mode), paper ? VenueText(request.Venue) : "none", request.Speed.ToString(), options.Seed);

                        IPortfolioSource portfolio;
                        IExecutionPort port;
                        IDecisionJournalSink journal;
                        if (paper)
                        {
                            // The venue starts its timers (the simulator's 1 s tick) at the capture's first instant, not
                            // at the virtual clock's origin: the replay's first step would otherwise replay decades of ticks.
                            if (FirstFrameTime(request.Capture) is { } first && first > driver.Clock.Now) driver.Clock.AdvanceTo(first);
                            execution = await PaperReplayExecution.StartAsync(driver, config, request.Venue, store, paperDir, seed, warn, context.Clock.Real.Time, cancellationToken)
                                .ConfigureAwait(false);
                            portfolio = execution.Portfolio;
                            port = execution.Port;
                            journal = execution.Journal;
                        }
                        else
                        {
                            journal = new StateJournalSink(store.Journal);
                            portfolio = new DryRunPortfolioSource(config.Policy.Backtest.InitialCapitalUsd, new KillSwitch(), () => driver.Feed.ExchangeHealth);
                            port = new DryRunExecutionPort(journal, driver.Clock.TimeProvider);
                        }

                        await using var pipeline = new DecisionPipeline(new DecisionEngine(config), new IndicatorBook(IndicatorSettings.From(config)),
                            driver.State, portfolio, journal, port, driver.Clock.TimeProvider,
                            log: message => replayLog?.Warning("decision pipeline: {Problem}", message));
                        using var candles = pipeline.SubscribeCandles(driver.Feed.Candles);
                        using var capAlerts = driver.RaiseAlertsOf(pipeline.Alerts);
                        var active = execution;
                        var real = context.Clock.Real.Time;
                        var cycleMillis = new List<double>();
                        driver.Cycle = async tick =>
                        {
                            var started = real.GetTimestamp();
                            if (active is not null) await active.BeforeCycleAsync(tick, cancellationToken).ConfigureAwait(false);
                            var result = await pipeline.RunCycleAsync(tick).ConfigureAwait(false);
                            if (result.Decision is { } decision) Record(driver, decision);
                            if (active is not null) await active.AfterCycleAsync(tick, cancellationToken).ConfigureAwait(false);
                            cycleMillis.Add(real.GetElapsedTime(started).TotalMilliseconds);
                        };

                        var (reader, file) = OpenCapture(request.Capture);
                        using (reader)
                        {
                            if (progress is not null)
                            {
                                var length = file.Length;
                                driver.Progress = _ => progress(file.Position, length);
                            }
                            var run = await driver.RunAsync(reader, cancellationToken).ConfigureAwait(false);
                            if (cycleMillis.Count > 0) run = run with { CycleLatency = CycleLatency.Of(cycleMillis) };
                            if (execution is not null)
                            {
                                await execution.FinishAsync(cancellationToken).ConfigureAwait(false);
                                run = run with
                                {
                                    OrdersPlaced = driver.Ledger.OrdersPlaced,
                                    Fills = driver.Ledger.Fills,
                                    Orders = driver.Ledger.Orders.ToList(),
                                    Fees = driver.Ledger.Fees,
                                    RealizedPnl = driver.Ledger.RealizedPnl,
                                };
                            }
                            ReplayReportWriter.WriteFile(request.ReportPath, run);
                            replayLog.Information("replay done: {Frames} frames, {ParseErrors} parse errors, {Orders} orders, {Fills} fills, digest {Digest}",
                                run.Frames, run.ParseErrors, run.OrdersPlaced, run.Fills, run.Digest);
                            return new Outcome(ExitCodes.Ok, run, driver.LastFrameTs - driver.FirstFrameTs ?? TimeSpan.Zero)
                            {
                                OpenPositions = execution?.OpenPositions() ?? [],
                                UserChannel = execution?.UserChannel is { } user ? (user.OrderUpdates, user.Fallbacks) : null,
                            };
                        }
                    }
                }
                finally
                {
                    if (execution is not null) await execution.DisposeAsync().ConfigureAwait(false);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or Microsoft.Data.Sqlite.SqliteException)
            {
                context.Error.WriteLine($"replay failed: {e.Message}");
                return new Outcome(ExitCodes.RuntimeFailure, null);
            }
        }
    }

    public static string ModeText(TradingMode mode) => mode == TradingMode.Paper ? "PAPER" : "DRY_RUN";

    public static string VenueText(ReplayVenue venue) => venue == ReplayVenue.Sim ? "sim" : "paper";

    private static DateTimeOffset? FirstFrameTime(string path)
    {
        using var reader = CaptureReader.Open(path);
        return reader.TryReadNext(out var frame) ? frame.TsRecv : null;
    }

    private static (CaptureReader Reader, FileStream File) OpenCapture(string path)
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 16);
        Stream stream = CaptureWriter.IsGzipPath(path) ? new System.IO.Compression.GZipStream(file, System.IO.Compression.CompressionMode.Decompress) : file;
        return (new CaptureReader(stream, leaveOpen: false), file);
    }

    private static void Record(ReplayDriver driver, Decision decision)
    {
        foreach (var exit in decision.Exits) Record(driver, decision, "exit", exit);
        foreach (var entry in decision.Entries) Record(driver, decision, "entry", entry);
        foreach (var rejection in decision.Rejections)
        {
            driver.Ledger.Rejected(rejection.ReasonCode);
            driver.Ledger.Decision(decision.Now, isProposal: true, "rejected", rejection.ProductId, rejection.Side.ToString(), rejection.ReasonCode);
        }
    }

    private static void Record(ReplayDriver driver, Decision decision, string kind, ApprovedOrder order) =>
        driver.Ledger.Decision(decision.Now, isProposal: true, kind, order.Proposal.ProductId, order.Proposal.Side.ToString(),
            order.Order.BaseSize.ToString(CultureInfo.InvariantCulture),
            order.Order.Price.ToString(CultureInfo.InvariantCulture));
}
