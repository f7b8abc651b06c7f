using System.Security.Cryptography;
using Serilog;
using Trader.Coinbase.Auth;
using Trader.Coinbase.Rest;
using Trader.Coinbase.Rest.Orders;
using Trader.Coinbase.Retry;
using Trader.Domain.Config;
using Trader.Domain.Decisions;
using Trader.Domain.Market;
using Trader.Domain.Rules;
using Trader.Domain.Security;
using Trader.Domain.Sizing;
using Trader.Domain.Trading;
using Trader.ExchangeSim;
using Trader.ExchangeSim.Auth;
using Trader.ExchangeSim.Market;
using Trader.Host.Execution;
using Trader.Host.Runtime;
using Trader.Host.Safety;
using Trader.Pipeline.Alerting;
using Trader.Pipeline.Alerts;
using Trader.Pipeline.Clock;
using Trader.State.Orders;
using Trader.State.Storage;

namespace Trader.Host.Drill;

/// <summary>
/// `trader drill kill` (REQ-K1, issue 7 item 6), on the real clock: the embedded simulator on 127.0.0.1:0 accepting a
/// throwaway ES256 key, the real REST client, <see cref="CoinbaseVenue"/> and <see cref="OrderManager"/>; the kill switch
/// exactly as `trader run` composes it (<see cref="KillSwitchSetup"/>: kill file and halt row probes, persisted halt,
/// CRITICAL alert) with <see cref="CancelAllOnKill"/> attached; the alert manager with the log sink, the webhook when
/// configured and the state DB journal. Places resting post-only buys 5 % below the touch, activates the kill switch the
/// way `trader kill` does (kill file and halt row stamped with the activation time) and measures detection, the first
/// alert delivery attempt of every sink and the venue's confirmation that nothing is working; then reads the venue
/// back on its own. Everything it writes (state DB, kill file) lives in a drill-private directory, so the real data
/// directory is never halted by a drill.
/// </summary>
public sealed class KillDrill(TraderClock clock, TraderConfig config, string drillDirectory, Func<string, string?> environment, ILogger log)
{
    public const string EvidenceKind = "kill_drill";
    public const string Product = "BTC-USD";
    public const string Reason = "DRILL: trader drill kill (simulator, not a real halt)";

    private const string KeyName = "organizations/drill/apiKeys/drill-throwaway";
    private const decimal NotionalUsd = 100m;

    /// <summary>How long (real time) the drill waits for the cancel-all and the alert attempts before calling them missed.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    public async Task<KillDrillResult> RunAsync(int orders, CancellationToken cancellationToken)
    {
        if (Directory.Exists(drillDirectory)) Directory.Delete(drillDirectory, recursive: true);
        Directory.CreateDirectory(drillDirectory);

        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var publicKey = ECDsa.Create(key.ExportParameters(includePrivateParameters: false));
        ExchangeSimulator sim;
        try
        {
            sim = await ExchangeSimulator.StartAsync(new SimulatorOptions(clock.Time)
            {
                AcceptedKeys = [AcceptedKey.FromEcdsa(KeyName, publicKey)],
                Market = MarketSource.RandomWalk(1),
                PrivateRequestsPerSecond = 0,
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            return KillDrillResult.Failed("the embedded simulator did not start: " + e.Message);
        }
        await using var simLifetime = sim;
        log.Warning("SIMULATOR kill drill: simulator at {RestUrl}, {Orders} resting orders, drill data in {DrillDir}", sim.RestBaseUrl, orders, drillDirectory);

        using var jwt = new CoinbaseJwtFactory(new ApiCredentials(KeyName, key.ExportECPrivateKeyPem()), clock.Time);
        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        var client = new CoinbaseRestClient(http, jwt, clock.Time, new CoinbaseRestOptions { BaseUri = new Uri(sim.RestBaseUrl) },
            new RestRetryPolicy(clock.Time, new FullJitterBackoff(new Random())));
        using var store = StateStore.Open(Path.Combine(drillDirectory, "state.db"));
        var (alerts, timings) = CreateAlerts(store, http);
        using var alertLifetime = alerts;

        var info = await ProductInfoAsync(client, cancellationToken).ConfigureAwait(false);
        if (info is null) return KillDrillResult.Failed($"the simulator did not describe {Product} or quote it");
        var sizer = OrderSizer.FromPolicy(config.Policy);
        var manager = new OrderManager(store, new CoinbaseVenue(client, "sim"), sizer,
            new ExecutionSettings("drill", TradingMode.Paper, ExecutionOrderType.LimitPostOnly, TimeSpan.Zero, TimeSpan.Zero),
            clock.Time, id => id == Product ? info.Value.Info : null);

        for (var i = 0; i < orders; i++)
        {
            var price = Math.Floor(info.Value.Bid * (0.95m - 0.001m * i) / info.Value.Info.PriceIncrement) * info.Value.Info.PriceIncrement;
            var sized = sizer.SizeBuy(info.Value.Info, NotionalUsd, NotionalUsd, price, LiquidityRole.Maker);
            if (sized.Order is not { } order) return KillDrillResult.Failed($"the sizer refused the drill order: {sized.ReasonCode} {sized.Detail}");
            var placed = await manager.SubmitAsync(Approve(order), 0, cancellationToken).ConfigureAwait(false);
            if (placed.Status != OrderStatus.Open)
                return KillDrillResult.Failed($"drill order {i + 1} did not rest at the simulator: {placed.Status} {placed.Reason}", store.Orders.Working().Count);
        }

        var killFile = new KillFile(Path.Combine(drillDirectory, config.Policy.Governance.KillSwitchFile));
        var (killSwitch, monitor) = KillSwitchSetup.Create(killFile.Path, store, clock.Scheduler, alerts, log);
        using var monitorLifetime = monitor;
        using var cancelAll = CancelAllOnKill.Attach(killSwitch, manager, store, clock.Time, alerts.Raise, log);
        var cancelled = new TaskCompletionSource<CancelAllReport>(TaskCreationOptions.RunContinuationsAsynchronously);
        cancelAll.Completed += report => cancelled.TrySetResult(report);
        monitor.Start();

        // What `trader kill` does: the kill file and the halt row, both stamped with the activation time (ms, as written).
        var now = clock.Now;
        var activatedAt = new DateTimeOffset(now.UtcTicks - now.UtcTicks % TimeSpan.TicksPerMillisecond, TimeSpan.Zero);
        killFile.Write(Reason, Environment.UserName, activatedAt);
        store.Halts.Activate(HaltRowProbe.Gate, HaltRowProbe.Scope, Reason, activatedAt);

        CancelAllReport? report = null;
        try
        {
            report = await cancelled.Task.WaitAsync(Patience, clock.Time, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            log.Error("kill drill: cancel-all did not end within {Patience} s", Patience.TotalSeconds);
        }
        long? alertMs = null;
        try
        {
            var attempts = await Task.WhenAll(timings.Where(t => t.Accepts(KillProbe(activatedAt))).Select(t => t.FirstAttemptOf(AlertKinds.KillSwitch)))
                .WaitAsync(Patience, clock.Time, cancellationToken).ConfigureAwait(false);
            alertMs = attempts.Length == 0 ? null : Ms(attempts.Max() - activatedAt);
        }
        catch (TimeoutException)
        {
            log.Error("kill drill: not every alert sink was attempted within {Patience} s", Patience.TotalSeconds);
        }

        var (venueCancelled, venueLeft, readBackError) = await ReadBackAsync(client, store, cancellationToken).ConfigureAwait(false);
        try
        {
            await alerts.DrainAsync(cancellationToken).WaitAsync(TimeSpan.FromSeconds(5), clock.Time, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            log.Warning("kill drill: alert deliveries still pending are kept in the drill state DB");
        }

        var detectMs = killSwitch.Active is { } active ? Ms(active.DetectedAt - activatedAt) : (long?)null;
        var error = readBackError ?? (report?.ConfirmedAt is null ? "the venue did not confirm that no order is working" : null);
        return KillDrillResult.Judge(detectMs, alertMs, report?.Elapsed is { } elapsed ? Ms(elapsed) : null, venueCancelled, venueLeft, error);
    }

    /// <summary>The independent read-back: the venue's own list of the drill's orders, not the state DB's.</summary>
    private static async Task<(int Cancelled, int Left, string? Error)> ReadBackAsync(CoinbaseRestClient client, StateStore store, CancellationToken cancellationToken)
    {
        var ours = store.Orders.CreatedSince(DateTimeOffset.MinValue).Select(o => o.ClientOrderId).ToHashSet(StringComparer.Ordinal);
        var listed = await client.ListOrdersAsync(new OrderListFilter(ProductIds: [Product]), cancellationToken).ConfigureAwait(false);
        if (!listed.TryGetValue(out var venueOrders)) return (0, store.Orders.Working().Count, "the venue could not be read back: " + listed.Failure);
        var mine = venueOrders.Where(o => o.ClientOrderId is { } id && ours.Contains(id)).ToList();
        return (mine.Count(o => o.Status == "CANCELLED"), mine.Count(o => o.Status is "OPEN" or "PENDING" or "QUEUED"), null);
    }

    private (AlertManager Manager, IReadOnlyList<AttemptTimingSink> Timings) CreateAlerts(StateStore store, HttpClient http)
    {
        // The sinks of AlertSetup (the log always, the webhook when its env var names a URL), each timed at the attempt.
        var settings = config.App.Monitoring.Alerts;
        var minSeverity = settings.MinSeverity switch
        {
            "info" => AlertSeverity.Info,
            "critical" => AlertSeverity.Critical,
            _ => AlertSeverity.Warning,
        };
        var sinks = new List<AttemptTimingSink> { new(new LogAlertSink(log), clock.Time) };
        if (config.App.Monitoring.AlertsEnabled && environment(settings.WebhookEnv) is { } url
            && Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
            sinks.Add(new AttemptTimingSink(new WebhookAlertSink("webhook", http, uri, minSeverity, false, TimeSpan.FromSeconds((double)settings.TimeoutSeconds), clock.Time), clock.Time));
        var policy = AlertPolicy.Default with { MinSeverity = minSeverity };
        return (new AlertManager(clock.Scheduler, clock.Time, policy, sinks, new StateAlertJournal(store.Alerts, TimeSpan.FromDays(1), clock.Time)), sinks);
    }

    private static AlertNotification KillProbe(DateTimeOffset at) =>
        new("probe", AlertKinds.KillSwitch, AlertSeverity.Critical, null, Reason, at, "kill_switch|*|kill_switch", false, false);

    private static async Task<(ProductInfo Info, decimal Bid)?> ProductInfoAsync(CoinbaseRestClient client, CancellationToken cancellationToken)
    {
        var product = await client.GetProductAsync(Product, cancellationToken).ConfigureAwait(false);
        var book = await client.GetBestBidAskAsync([Product], cancellationToken).ConfigureAwait(false);
        if (!product.TryGetValue(out var p) || !book.TryGetValue(out var books)) return null;
        if (books.FirstOrDefault(b => b.ProductId == Product)?.Bids.FirstOrDefault() is not { } bid) return null;
        var info = new ProductInfo(p.ProductId, "BTC", "USD", p.BaseIncrement, p.QuoteIncrement, p.PriceIncrement ?? p.QuoteIncrement, p.BaseMinSize, p.QuoteMinSize);
        return (info, bid.Price);
    }

    private static ApprovedOrder Approve(SizedOrder order) => new(
        new TradeProposal(order.ProductId, OrderSide.Buy, ProposalKind.Entry, 1m, 10m, 12m, 0.5m, null, "kill drill", null, null, null),
        order, order.Notional, false, "kill drill: a resting order for the kill switch to cancel");

    private static long Ms(TimeSpan span) => (long)Math.Round(span.TotalMilliseconds, MidpointRounding.AwayFromZero);
}
