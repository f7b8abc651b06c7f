using System.Threading.Channels;
using Serilog;
using Trader.Coinbase.Auth;
using Trader.Coinbase.Feed;
using Trader.Coinbase.Parsing;
using Trader.Coinbase.Rest;
using Trader.Coinbase.Retry;
using Trader.Domain.Decisions;
using Trader.Domain.Market;
using Trader.Domain.Rules;
using Trader.Domain.Sizing;
using Trader.Domain.Trading;
using Trader.Host.Execution;
using Trader.Host.Safety;
using Trader.Pipeline.Alerts;
using Trader.Pipeline.Decisions;
using Trader.Pipeline.Execution;
using Trader.Pipeline.Scheduling;
using Trader.State.Orders;

namespace Trader.Host.Runtime;

/// <summary>
/// The execution side of <c>trader run</c> (CONTRACTS.md §2, docs/RUN.md): DRY_RUN journals would-be orders; PAPER
/// and LIVE put an <see cref="OrderManager"/> over the venue (the paper wallet, or the REST client against Coinbase or
/// a simulator) behind <see cref="OrderManagerExecutionPort"/>, and decide against <see cref="StatePortfolioSource"/>.
/// Restart reconciliation (NFR-R1) runs in <see cref="StartAsync"/>, before the first cycle; every cycle starts with a
/// reconciliation pass over the working orders (the fill poll), then the <see cref="WorkingOrderLifecycle"/> (post-only
/// re-price, taker fallback; docs/EXECUTION.md) and, in LIVE, an account read (a failed read sends no
/// new entries that cycle). With keys, the <c>user</c> channel's order updates trigger an immediate REST reconcile of
/// that order. Every order-manager call goes through one gate: the manager expects calls one at a time (except
/// <see cref="CancelAllOnKill"/>'s cancels on a kill, which must not wait behind a cycle; the manager's writes are
/// idempotent per fill and converge on the venue's status).
/// </summary>
public sealed class ExecutionSetup : IAsyncDisposable
{
    /// <summary>Journal reason of an entry not sent because the account could not be read this cycle.</summary>
    public const string AccountUnavailable = "account_unavailable";

    private static readonly TimeSpan GateWaitAtShutdown = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How often the working-order lifecycle also runs between decision cycles, so a post-only TTL shorter than the
    /// cycle (15 s against 60 s by default) is honoured within this much of its deadline.
    /// </summary>
    public static readonly TimeSpan LifecycleCheckInterval = TimeSpan.FromSeconds(5);

    private readonly ExecutionInputs _in;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly List<IDisposable> _owned = [];
    private readonly Channel<UserOrderUpdate> _updates = Channel.CreateUnbounded<UserOrderUpdate>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stop = new();
    private OrderManager? _manager;
    private WorkingOrderLifecycle? _lifecycle;
    private AccountCash? _account;
    private EmbeddedSimulatorVenue? _embedded;
    private CancelAllOnKill? _cancelAll;
    private CoinbaseFeedClient? _userClient;
    private CoinbaseUserFeed? _userFeed;
    private Task _updateLoop = Task.CompletedTask;
    private ITimer? _lifecycleTimer;
    private Task _lifecycleBetweenCycles = Task.CompletedTask;
    private long _lastCycleId;
    private bool _accountFailedThisCycle;

    private ExecutionSetup(ExecutionInputs inputs) => _in = inputs;

    public VenueChoice Venue => _in.Venue;

    public IExecutionPort Port { get; private set; } = null!;

    public IPortfolioSource Portfolio { get; private set; } = null!;

    /// <summary>Null in DRY_RUN.</summary>
    public OrderManager? Manager => _manager;

    /// <summary>
    /// Composes execution for the run; null with a usage problem when the venue cannot be served by this build
    /// (exit 2, nothing started).
    /// </summary>
    public static async Task<(ExecutionSetup? Setup, string? Problem)> CreateAsync(ExecutionInputs inputs, CancellationToken cancellationToken)
    {
        var setup = new ExecutionSetup(inputs);
        var config = inputs.Config;
        switch (inputs.Venue.Kind)
        {
            case VenueKind.None:
                setup.Portfolio = new DryRunPortfolioSource(config.Policy.Backtest.InitialCapitalUsd, inputs.KillSwitch, inputs.ExchangeHealth);
                setup.Port = new DryRunExecutionPort(inputs.Journal, inputs.Clock.Time);
                return (setup, null);
            case VenueKind.EmbeddedSimulator:
                await setup.ComposeEmbeddedSimulatorAsync(cancellationToken).ConfigureAwait(false);
                return (setup, null);
            case VenueKind.Paper:
                setup.ComposePaper();
                return (setup, null);
            default:
                if (inputs.Keys is null) return (null, "LIVE needs an API key (the mode gate should have refused this run)");
                setup.ComposeRest(inputs.Keys);
                return (setup, null);
        }
    }

    private void ComposePaper()
    {
        var config = _in.Config;
        var execution = config.Policy.Execution;
        var paper = new PaperVenue(Path.Combine(_in.DataDir, "paper.db"), QuoteOf, execution.MakerFeeBps / 10_000m, execution.TakerFeeBps / 10_000m,
            _in.Clock.Time, new Dictionary<string, decimal> { ["USD"] = config.Policy.Backtest.InitialCapitalUsd });
        _owned.Add(paper);
        Compose(paper, () => paper.Balance("USD"));
    }

    private void ComposeRest(Trader.Domain.Security.ApiCredentials keys)
    {
        var simulator = _in.Venue.Kind == VenueKind.ExternalSimulator;
        var baseUri = simulator ? _in.Venue.SimulatorUrl! : new Uri(_in.Config.App.Exchange.RestUrl);
        var jwt = new CoinbaseJwtFactory(keys, _in.Clock.Time);
        _owned.Add(jwt);
        var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan }; // the client times each attempt on the injected clock
        _owned.Add(http);
        var client = new CoinbaseRestClient(http, jwt, _in.Clock.Time, new CoinbaseRestOptions { BaseUri = baseUri },
            RestRetryPolicy.Create(_in.Clock.Time), _in.RestLatency is { } record ? new LatencyRecorder(record) : null);
        var account = _account = new AccountCash(client);
        Compose(new CoinbaseVenue(client, simulator ? "sim" : "coinbase"), () => account.Cash);

        var userUrl = simulator ? VenueChoice.SimulatorUserWebSocket(baseUri).ToString() : _in.Config.App.Exchange.WsUserUrl;
        AttachUserChannel(userUrl, jwt);
    }

    /// <summary>
    /// The user channel: order updates trigger a REST reconcile of that order (REST stays the source of truth). No
    /// product ids: every product (an order of ours in any product must be seen). Started by <see cref="StartAsync"/>.
    /// </summary>
    private void AttachUserChannel(string userUrl, IWsJwtFactory jwt)
    {
        _userClient = new CoinbaseFeedClient(CoinbaseFeedOptions.User(userUrl, []), _in.Clock.Time, jwt);
        _userFeed = new CoinbaseUserFeed(_userClient);
        _userFeed.OrderUpdated += update => _updates.Writer.TryWrite(update);
        _userFeed.FrameRejected += r => _in.Log.Warning("user channel: frame rejected ({Reason}: {Detail})", r.Reason, r.Detail);
        _userClient.Connected += _ => _in.Log.Information("user channel connected to {Url}", userUrl);
        _userClient.Disconnected += d => _in.Log.Warning("user channel disconnected: {Reason}; the per-cycle REST poll covers missed updates", d.ToString());
    }

    /// <summary>
    /// PAPER <c>--venue sim</c>: the simulator in-process on 127.0.0.1 with a throwaway key and the real REST client. Its
    /// books mirror the run's market feed (<see cref="OnMarketFrame"/>), its account starts with
    /// <c>backtest.initial_capital_usd</c>; cash is read from its accounts endpoint like LIVE, and its <c>user</c> channel
    /// (subscribed with the throwaway key) triggers reconciles as in LIVE, the per-cycle fill poll covering gaps.
    /// </summary>
    private async Task ComposeEmbeddedSimulatorAsync(CancellationToken cancellationToken)
    {
        var embedded = _embedded = await EmbeddedSimulatorVenue.StartAsync(
            EmbeddedSimulatorSettings.FromPolicy(_in.Config.Policy, _in.Clock.Time, seed: 1) with { RateLimited = true }, cancellationToken).ConfigureAwait(false);
        _in.Log.Information("embedded simulator on {Url} (its books follow the market feed)", embedded.Simulator.RestBaseUrl);
        var account = _account = new AccountCash(embedded.Client);
        Compose(embedded.Venue, () => account.Cash);
        AttachUserChannel(embedded.Simulator.UserWebSocketUrl, embedded.WebSocketTokens);
    }

    /// <summary>Every market-data frame of the run; the embedded simulator's books follow it (a no-op for other venues).</summary>
    public void OnMarketFrame(ReceivedFrame frame) => _embedded?.Ingest(frame.Bytes);

    private void Compose(IOrderVenue venue, Func<decimal> cash)
    {
        var config = _in.Config;
        _manager = new OrderManager(_in.Store, venue, OrderSizer.FromPolicy(config.Policy),
            ExecutionSettings.FromPolicy(config.Policy, BotId(config.App.App.Name), _in.Mode), _in.Clock.Time, ProductInfoOf, OnAmbiguous);
        var port = new OrderManagerExecutionPort(_manager, _in.KillSwitch, _in.Journal, _in.Clock.Time, OnSubmitted, () => AccountHalts.ActiveGate(_in.Store.Halts));
        _lifecycle = WorkingOrderLifecycle.FromConfig(config, _manager, _in.Store, id => _in.Market.Snapshot(id, _in.Clock.Now), port.BlockedBy,
            _in.Clock.Time, OnSubmitted, _in.ExchangeHealth);
        Port = new GatedPort(this, port);
        Portfolio = new StatePortfolioSource(_in.Store, cash, MarkOf, _in.KillSwitch, config.Policy, _in.ExchangeHealth);
    }

    /// <summary>
    /// Before the first cycle (NFR-R1): reads the account (LIVE), reconciles every order state says is working or
    /// ambiguous with the venue, then starts the user channel. Logs what it did.
    /// </summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (_manager is null) return;
        if (_account is not null && await _account.RefreshAsync(cancellationToken).ConfigureAwait(false) is { } problem)
            _in.Log.Warning("account read failed at start: {Problem}; no new entries until a read succeeds", problem);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var summary = await _manager.ReconcileOnStartAsync(cancellationToken).ConfigureAwait(false);
            _in.Log.Information("start reconciliation before the first cycle: {Summary}", summary.ToString());
            if (summary.Unresolved > 0)
                _in.Log.Warning("{Count} orders could not be reconciled at start (venue unavailable); they stay working and are retried every cycle", summary.Unresolved);
        }
        finally
        {
            _gate.Release();
        }
        // REQ-K1: every working order is cancelled when the kill switch activates (at once when it already is).
        _cancelAll = CancelAllOnKill.Attach(_in.KillSwitch, _manager, _in.Store, _in.Clock.Time, _in.RaiseAlert, _in.Log);
        if (_userClient is not null)
        {
            _updateLoop = Task.Run(() => ApplyUpdatesAsync(_stop.Token));
            _userClient.Start();
        }
        _lifecycleTimer = _in.Clock.Time.CreateTimer(_ => OnLifecycleTick(), null, LifecycleCheckInterval, LifecycleCheckInterval);
    }

    /// <summary>The pass the last between-cycles tick started (completed when none is running).</summary>
    public Task LifecycleBetweenCycles => _lifecycleBetweenCycles;

    /// <summary>
    /// Between cycles: the lifecycle once more, unless a cycle or another order-manager call holds the gate (then that
    /// one is running anyway) or the previous pass is still busy.
    /// </summary>
    private void OnLifecycleTick()
    {
        if (!_lifecycleBetweenCycles.IsCompleted || _stop.IsCancellationRequested) return;
        _lifecycleBetweenCycles = RunLifecycleBetweenCyclesAsync(_stop.Token);
    }

    private async Task RunLifecycleBetweenCyclesAsync(CancellationToken cancellationToken)
    {
        if (!await _gate.WaitAsync(0, cancellationToken).ConfigureAwait(false)) return;
        try
        {
            var cycleId = Interlocked.Read(ref _lastCycleId);
            var lifecycle = await _lifecycle!.RunAsync(cycleId, cancellationToken).ConfigureAwait(false);
            if (lifecycle.Changed)
                _in.Log.Information("between cycles (after cycle {CycleId}) working orders: {Summary}", cycleId, lifecycle.ToString());
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception e)
        {
            _in.Log.Error("working-order lifecycle between cycles failed: {Problem}; retried in {Seconds} s", e.Message, LifecycleCheckInterval.TotalSeconds);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// At the start of each cycle: the fill poll over every working order, the working-order lifecycle (post-only
    /// re-price, taker fallback), then (LIVE) the account read.
    /// </summary>
    public async Task BeforeCycleAsync(CycleTick tick, CancellationToken cancellationToken)
    {
        Interlocked.Exchange(ref _lastCycleId, tick.CycleId);
        if (_manager is null) return;
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var summary = await _manager.ReconcileWorkingAsync(tick.CycleId, cancellationToken).ConfigureAwait(false);
            // Logged at info only when the poll changed something (it runs every cycle).
            var changed = summary.Filled + summary.Cancelled + summary.Rejected + summary.FillsRecorded > 0;
            if (summary.Checked > 0)
                _in.Log.Write(changed ? Serilog.Events.LogEventLevel.Information : Serilog.Events.LogEventLevel.Debug,
                    "cycle {CycleId} fill poll: {Summary}", tick.CycleId, summary.ToString());
            // Then what becomes of the post-only orders that did not fill (re-price, taker fallback; docs/EXECUTION.md).
            var lifecycle = await _lifecycle!.RunAsync(tick.CycleId, cancellationToken).ConfigureAwait(false);
            if (lifecycle.Changed || lifecycle.Deferred > 0)
                _in.Log.Write(lifecycle.Changed ? Serilog.Events.LogEventLevel.Information : Serilog.Events.LogEventLevel.Debug,
                    "cycle {CycleId} working orders: {Summary}", tick.CycleId, lifecycle.ToString());
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _in.Log.Error("cycle {CycleId} fill poll or working-order lifecycle failed: {Problem}; retried next cycle", tick.CycleId, e.Message);
        }
        finally
        {
            _gate.Release();
        }
        if (_account is null) return;
        var problem = await _account.RefreshAsync(cancellationToken).ConfigureAwait(false);
        Volatile.Write(ref _accountFailedThisCycle, problem is not null);
        if (problem is not null)
            _in.Log.Warning("cycle {CycleId}: account read failed ({Problem}); deciding with the last good cash {Cash} USD and sending no new entries this cycle",
                tick.CycleId, problem, _account.Cash);
    }

    private async Task ApplyUpdatesAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var update in _updates.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                if (_in.Store.Orders.Get(update.ClientOrderId) is not { } order)
                {
                    _in.Log.Debug("user channel: order {OrderId} ({ClientOrderId}) is not ours; ignored", update.OrderId, update.ClientOrderId);
                    continue;
                }
                if (!order.Status.IsWorking()) continue;
                await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    var fresh = _in.Store.Orders.Get(order.ClientOrderId)!;
                    var after = await _manager!.ReconcileOrderAsync(fresh, Interlocked.Read(ref _lastCycleId), cancellationToken).ConfigureAwait(false);
                    _in.Log.Information("user channel: {ClientOrderId} {VenueStatus} at the venue; reconciled over REST: {Status}",
                        order.ClientOrderId, update.Status, after.Status.ToText());
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    _in.Log.Error("user channel: reconcile of {ClientOrderId} failed: {Problem}; the next cycle's poll retries", order.ClientOrderId, e.Message);
                }
                finally
                {
                    _gate.Release();
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void OnSubmitted(SubmitResult result) =>
        _in.Log.Information("order {ClientOrderId} → {Status} (venue order {VenueOrderId}{Reason})",
            result.ClientOrderId, result.Status.ToText(), result.VenueOrderId ?? "none", result.Reason is null ? "" : "; " + result.Reason);

    private void OnAmbiguous(OrderAmbiguous ambiguous) =>
        _in.RaiseAlert(new GuardAlert(AlertKinds.OrderAmbiguous, AlertSeverity.Warning, ambiguous.ProductId, "order_ambiguous",
            $"order {ambiguous.ClientOrderId} may or may not be at the venue ({ambiguous.Detail}); it is never re-sent and is resolved by client order id lookup",
            ambiguous.Ts, Resolved: false));

    private Quote? QuoteOf(string productId) => _in.Market.Snapshot(productId, _in.Clock.Now)?.Quote;

    private decimal? MarkOf(string productId) => QuoteOf(productId) is { Bid: > 0m, Ask: > 0m } q ? q.Mid : null;

    /// <summary>The product as the decision saw it, so execution re-sizes exactly as risk did (REQ-X3).</summary>
    private ProductInfo? ProductInfoOf(string productId) => _in.Market.Snapshot(productId, _in.Clock.Now)?.Info;

    /// <summary>The client-order-id prefix: <c>app.name</c> reduced to ASCII letters, digits and '_' (at most 32).</summary>
    public static string BotId(string appName)
    {
        var chars = appName.Where(c => char.IsAsciiLetterOrDigit(c) || c == '_').Take(32).ToArray();
        return chars.Length == 0 ? "trader" : new string(chars);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_lifecycleTimer is not null) await _lifecycleTimer.DisposeAsync().ConfigureAwait(false);
        await _lifecycleBetweenCycles.ConfigureAwait(false);
        _cancelAll?.Dispose();
        _updates.Writer.TryComplete();
        if (_userClient is not null) await _userClient.DisposeAsync().ConfigureAwait(false);
        _userFeed?.Dispose();
        await _updateLoop.ConfigureAwait(false);
        // The gate is taken once more so no order-manager call is still running when the venue goes away; bounded, so a
        // call stuck in REST retries cannot hold the shutdown (its order stays working and is reconciled at the next start).
        using var bound = new CancellationTokenSource(GateWaitAtShutdown, _in.Clock.Time);
        try
        {
            await _gate.WaitAsync(bound.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            _in.Log.Warning("an order-manager call was still running at shutdown; its order is reconciled at the next start");
        }
        foreach (var owned in _owned) owned.Dispose();
        if (_embedded is not null) await _embedded.DisposeAsync().ConfigureAwait(false);
        _stop.Dispose();
    }

    /// <summary>Entries wait for a good account read; every call is serialized with reconciliation.</summary>
    private sealed class GatedPort(ExecutionSetup owner, OrderManagerExecutionPort inner) : IExecutionPort
    {
        public async Task SubmitAsync(ApprovedOrder order, CycleTick tick, CancellationToken cancellationToken)
        {
            var accountDown = owner._account is { } account && (Volatile.Read(ref owner._accountFailedThisCycle) || !account.EverRead);
            if (accountDown && order.Proposal.Kind == ProposalKind.Entry)
            {
                await owner._in.Journal.WriteAsync([new DecisionJournalRow(tick.CycleId, tick.Due, order.Order.ProductId, DecisionJournalKinds.OrderIntent,
                    OrderManagerExecutionPort.NotSent, AccountUnavailable, DecisionJournalText.Order(order), owner._in.Clock.Time.GetUtcNow() - tick.Due)],
                    cancellationToken).ConfigureAwait(false);
                owner._in.Log.Warning("entry {Product} {Side} not sent: the account could not be read this cycle", order.Order.ProductId, order.Order.Side);
                return;
            }
            await owner._gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await inner.SubmitAsync(order, tick, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                owner._gate.Release();
            }
        }
    }

    private sealed class LatencyRecorder(Action<RestLatencySample> record) : IRestLatencyRecorder
    {
        public void Record(RestLatencySample sample) => record(sample);
    }
}
