using System.Runtime.InteropServices;
using Serilog;
using Trader.Coinbase.Auth;
using Trader.Coinbase.Feed;
using Trader.Coinbase.Parsing;
using Trader.Domain.Market;
using Trader.Domain.Trading;
using Trader.Host.Cli;
using Trader.Host.Configuration;
using Trader.Host.Gates;
using Trader.Host.Logging;
using Trader.Host.Modes;
using Trader.Host.Retention;
using Trader.Host.Safety;
using Trader.Host.Secrets;
using Trader.Domain.Decisions;
using Trader.Domain.Triggers;
using Trader.Host.Metrics;
using Trader.Pipeline.Decisions;
using Trader.Pipeline.Execution;
using Trader.Pipeline.Alerts;
using Trader.Pipeline.Guards;
using Trader.Pipeline.Scheduling;
using Trader.Pipeline.Telemetry;
using Trader.Pipeline.Market;
using Trader.State.Storage;

namespace Trader.Host.Runtime;

/// <summary>
/// <c>trader run</c>: the long-running service. Start-up order is fixed (CONTRACTS.md §1): the instance lock first,
/// then config (exit 2), secrets and the mode gate (exit 4), logs, the state DB, retention, alerts, then the live
/// feed through the guards into the market state. A SIGTERM/SIGINT stops it gracefully within
/// <see cref="ShutdownDeadline"/> (NFR-R1): no new work, in-flight work finishes, alerts and state are flushed, exit 0.
/// Without a network it keeps running: the feed reconnects with backoff and a <c>feed_down</c> alert is raised.
/// </summary>
public sealed class TraderService(CliContext context)
{
    public static readonly TimeSpan ShutdownDeadline = TimeSpan.FromSeconds(10);

    /// <summary>SIGUSR1 (10 on Linux) activates the kill switch; .NET takes raw signal numbers cast to PosixSignal.</summary>
    private const PosixSignal SigUsr1 = (PosixSignal)10;

    public async Task<int> RunAsync(CommonArgs args, RunOptions options, CancellationToken stop)
    {
        var clock = context.Clock.Real;
        if (!context.TryLockDataDir(args.DataDir, out var instanceLock)) return ExitCodes.AnotherInstance;
        using var held = instanceLock;

        var loaded = ConfigLoader.Load(args.ConfigDir);
        loaded.WriteProblems(context.Error);
        if (loaded.Config is not { } config) return ExitCodes.BadInput;

        var secrets = SecretsStatus.Load(config.App.Secrets, context.Environment, clock.Time);
        var decision = await RunGates.DecideAsync(context, args, options, config, secrets, stop);
        if (decision.Refused)
        {
            context.Error.WriteLine($"refused: {TraderLogging.ModeName(decision.Mode)} needs every condition below:");
            foreach (var unmet in decision.Unmet) context.Error.WriteLine($"  - {unmet}");
            return ExitCodes.RefusedForSafety;
        }
        var (venue, venueProblem) = VenueChoice.Parse(decision.Mode, options.Venue);
        if (venue is null)
        {
            context.Error.WriteLine("usage: " + venueProblem);
            return ExitCodes.BadInput;
        }
        var (replayPath, feedProblem) = MarketFeedSource.Parse(options.Feed);
        if (feedProblem is not null)
        {
            context.Error.WriteLine("usage: " + feedProblem);
            return ExitCodes.BadInput;
        }

        var redactor = new SecretRedactor();
        if (secrets.Credentials.Credentials is { } credentials) redactor.Register(credentials);
        using var logger = TraderLogging.Create(LogOptions.From(config.App.Logging, args.DataDir, decision.Mode, context.Error, args.LogLevel) with { Properties = venue.LogProperties }, redactor, clock.Time);
        var log = (ILogger)logger;
        foreach (var line in secrets.StartupLines()) log.Information("{StartupCheck}", line);
        foreach (var note in decision.Notes) log.Information("{ModeNote}", note);
        foreach (var warning in loaded.Warnings) log.Warning("config: {ConfigWarning}", warning.ToString());

        using var store = StateStore.Open(Path.Combine(args.DataDir, config.App.State.Path));
        using var retention = new RetentionJob(store, Path.Combine(args.DataDir, config.App.Logging.Dir), config.App.State.RetentionDays, clock.Time, log);
        using var http = new HttpClient();
        using var alerts = AlertSetup.Create(config.App.Monitoring, context.Environment, clock, store, http, log);
        var resent = alerts.ResendUndelivered();
        if (resent > 0) log.Information("re-sending {Count} alert deliveries left over from the last run", resent);

        var (killSwitch, killMonitor) = KillSwitchSetup.Create(
            Path.Combine(args.DataDir, config.Policy.Governance.KillSwitchFile), store, clock.Scheduler, alerts, log);
        using var killMonitorLifetime = killMonitor;
        killMonitor.Start();
        if (killSwitch.IsActive) log.Warning("starting HALTED: the kill switch is active until `trader resume --reason TEXT`");
        using var clockSync = RunGates.StartClockMonitor(decision.Mode, options, config.App.Clock, clock, store, alerts, killMonitor, log);
        using var sigusr1 = PosixSignalRegistration.Create(SigUsr1, signal =>
        {
            signal.Cancel = true;
            killMonitor.ActivateNow("SIGUSR1 from the operator", "signal");
        });

        var products = Universe.WatchedProducts(config.Universe);
        var breakers = config.Policy.CircuitBreakers;
        var market = new MarketState(StalenessSettings.From(breakers));
        using var processor = new MarketFeedProcessor(market, clock.Scheduler, StalenessSettings.From(breakers), OutlierSettings.From(breakers),
            SpreadLimits.FromConfig(config.Universe, config.Policy.Liquidity));
        foreach (var product in products) market.Track(product);
        using var alertSubscription = processor.Alerts.Subscribe(alerts.Raise);

        // With keys, every subscribe carries a fresh JWT (Coinbase: "for the most reliable connection, authenticate").
        using var jwt = secrets.Credentials.Credentials is { } keys ? new CoinbaseJwtFactory(keys, clock.Time) : null;
        await using var source = replayPath is null
            ? MarketFeedSource.Live(new CoinbaseFeedClient(CoinbaseFeedOptions.Market(config.App.Exchange.WsUrl, products), clock.Time, jwt), config.App.Exchange.WsUrl)
            : MarketFeedSource.Replay(new CaptureReplayTransport(replayPath, clock.Time), replayPath);
        var client = source.Transport;
        using var feed = new CoinbaseMarketDataFeed(client, products, new ProcessorSink(processor));
        client.Connected += _ => { processor.OnFeed(true); log.Information("feed connected to {Url}", source.Description); };
        if (client is CaptureReplayTransport replay)
            replay.Finished += (frames, badLines, problem) => log.Warning(
                "replay feed finished: {Frames} frames, {BadLines} bad lines, {Rejected} rejected by the parser{Problem}; no more market data",
                frames, badLines, feed.Parser.FramesRejected, problem is null ? "" : " (" + problem + ")");
        client.Disconnected += d => { processor.OnFeed(false); log.Warning("feed disconnected: {Reason}", d.ToString()); };
        feed.FrameRejected += r => log.Debug("frame rejected: {Reason}", r.Reason);
        // A sequence gap is alerted; the episode is resolved once frames flow again a second after the resubscribe.
        var gapGate = new object();
        DateTimeOffset? gapSince = null;
        feed.Resync += r =>
        {
            if (r.Reason != FeedResyncReason.SequenceGap) return;
            lock (gapGate) gapSince ??= r.At;
            alerts.Raise(new GuardAlert(AlertKinds.SequenceGap, AlertSeverity.Warning, null, "sequence_gap",
                $"sequence gap on connection {r.ConnectionId}: expected {r.Expected}, got {r.Got}; level2 and status resubscribed", clock.Now, Resolved: false));
        };
        client.FrameReceived += frame =>
        {
            lock (gapGate)
            {
                if (gapSince is not { } since || frame.TsRecv - since < TimeSpan.FromSeconds(1)) return;
                gapSince = null;
            }
            alerts.Raise(new GuardAlert(AlertKinds.SequenceGap, AlertSeverity.Warning, null, "sequence_gap",
                "frames flow again after the resubscribe", clock.Now, Resolved: true));
        };

        // Decisions: jittered cycles (REQ-SCH1) through the Dataflow stages; DRY_RUN journals every would-be order,
        // PAPER and LIVE send them through the order manager (ExecutionSetup).
        var journal = new StateJournalSink(store.Journal);
        var telemetry = new Telemetry(clock.Time);
        var (composed, executionProblem) = await ExecutionSetup.CreateAsync(new ExecutionInputs(decision.Mode, venue, config, args.DataDir,
            secrets.Credentials.Credentials, clock, store, market, products, killSwitch, alerts.Raise, journal, log,
            sample => telemetry.RecordRest(sample.Endpoint, sample.HttpStatus ?? 0, sample.Duration), () => processor.ExchangeHealth), stop);
        if (composed is null)
        {
            context.Error.WriteLine("usage: " + executionProblem);
            return ExitCodes.BadInput;
        }
        await using var execution = composed;
        client.FrameReceived += execution.OnMarketFrame;
        // PAPER records its session for the rehearsal gate; LIVE on Coinbase runs its first 48 h under the canary limits.
        using var paperSession = decision.Mode == TradingMode.Paper
            ? PaperSessionRecorder.Start(store.Evidence, clock.Scheduler, realClock: true, options.Feed, venue.Name, alerts)
            : null;
        var engineConfig = decision.Mode == TradingMode.Live && venue.Kind == VenueKind.Coinbase
            ? CanaryPolicy.Apply(config, CanaryState.AtLiveStart(store.Evidence, clock.Now))
            : config;
        await using var pipeline = new DecisionPipeline(new DecisionEngine(engineConfig), new IndicatorBook(IndicatorSettings.From(config)), market,
            execution.Portfolio, journal, execution.Port,
            clock.Time, log: message => log.Warning("decision pipeline: {Problem}", message));
        using var candleSubscription = pipeline.SubscribeCandles(processor.Candles);
        using var capAlertSubscription = pipeline.Alerts.Subscribe(alerts.Raise);
        var seed = options.Seed ?? config.App.Loop.Seed ?? RandomSeed();
        log.Information("decision cycles every {Interval} s + 0–{Jitter} % jitter, seed {Seed}", config.App.Loop.IntervalSeconds, config.App.Loop.JitterPct, seed);

        using var slo = new SloEvaluator(telemetry, clock.Scheduler, new SloSettings(), alerts.Raise);
        slo.Start();
        using var cycles = new JitteredCycleScheduler(clock.Scheduler, TimeSpan.FromSeconds((double)config.App.Loop.IntervalSeconds),
            config.App.Loop.JitterPct, seed, async tick =>
            {
                await execution.BeforeCycleAsync(tick, CancellationToken.None);
                var result = await pipeline.RunCycleAsync(tick);
                telemetry.RecordCycle(result.Latency, degraded: !processor.State.FeedUp);
                WriteTelemetry(args.DataDir, telemetry, slo, log);
                log.Information("cycle {CycleId}: {Outcome}, {Approved} approved, {Rejected} rejected in {LatencyMs} ms",
                    result.CycleId, result.Outcome, result.Approved, result.Rejected, (int)result.Latency.TotalMilliseconds);
            });
        pipeline.CountSkipsOf(cycles);
        cycles.CycleSkipped += _ => telemetry.RecordCycleSkipped();
        alerts.Published += n => telemetry.RecordAlert(n.Kind);
        feed.FrameRejected += _ => telemetry.RecordParseError();

        await using var metrics = await StartMetricsAsync(MetricsPort.Resolve(config.App.Monitoring, options.MetricsPort), telemetry, slo, log, stop);

        log.Information("trader run started in {Mode} on {Products} products, venue {Venue}; data dir {DataDir}",
            TraderLogging.ModeName(decision.Mode), products.Count, venue.Name, args.DataDir);
        source.Start();
        await execution.StartAsync(stop);
        cycles.Start();

        try
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, clock.Time, stop);
        }
        catch (OperationCanceledException)
        {
        }

        var stopStarted = clock.Time.GetTimestamp();
        log.Information("stopping: no new work; flushing alerts and state");
        using var drain = new CancellationTokenSource(ShutdownDeadline - TimeSpan.FromSeconds(2), clock.Time);
        cycles.Stop();
        try
        {
            await Task.WhenAll(cycles.Running, pipeline.CompleteAsync()).WaitAsync(drain.Token);
        }
        catch (OperationCanceledException)
        {
            log.Warning("the decision cycle in flight did not finish before the shutdown deadline");
        }
        try
        {
            await alerts.DrainAsync(drain.Token);
        }
        catch (OperationCanceledException)
        {
            log.Warning("alert deliveries still pending at shutdown are kept in the state DB and re-sent on the next start");
        }
        log.Information("stopped cleanly in {Elapsed} ms", (int)clock.Time.GetElapsedTime(stopStarted).TotalMilliseconds);
        return ExitCodes.Ok;
    }

    /// <summary>
    /// Starts /metrics; a port already in use is reported and the service runs on without it (metrics are not a
    /// safety gate in DRY_RUN; `trader gates` will require them before LIVE).
    /// </summary>
    private static async Task<MetricsServer?> StartMetricsAsync(int? port, Telemetry telemetry, SloEvaluator slo, ILogger log, CancellationToken stop)
    {
        if (port is not { } p) return null;
        try
        {
            var server = await MetricsServer.StartAsync(telemetry, slo, p, stop);
            log.Information("metrics at {MetricsUrl}", server.Url);
            return server;
        }
        catch (IOException e)
        {
            log.Error("metrics endpoint not started on 127.0.0.1:{Port}: {Problem}; running without /metrics", p, e.Message);
            return null;
        }
    }

    /// <summary>`trader status` reads this file; a failure to write it is logged and never stops a cycle.</summary>
    private static void WriteTelemetry(string dataDir, Telemetry telemetry, SloEvaluator slo, ILogger log)
    {
        try
        {
            TelemetryFile.Write(dataDir, StatusSnapshot.From(telemetry.Snapshot(), slo.States));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            log.Warning("telemetry snapshot for `trader status` not written: {Problem}", e.Message);
        }
    }

    /// <summary>No seed configured: draw one (the only randomness not from config), and log it so a run can be repeated.</summary>
    private static int RandomSeed() => System.Security.Cryptography.RandomNumberGenerator.GetInt32(int.MaxValue);

    private sealed class ProcessorSink(MarketFeedProcessor processor) : IMarketEventSink
    {
        public void OnEvent(MarketEvent marketEvent) => processor.OnEvent(marketEvent);
    }
}
