using Trader.Coinbase.Capture;
using Trader.Domain.Config;
using Trader.Domain.Sizing;
using Trader.Domain.Trading;
using Trader.Host.Execution;
using Trader.Host.Reports;
using Trader.Host.Runtime;
using Trader.Host.Safety;
using Trader.Pipeline.Execution;
using Trader.Pipeline.Safety;
using Trader.Pipeline.Scheduling;
using Trader.State.Orders;
using Trader.State.Storage;

namespace Trader.Host.Replay;

/// <summary>
/// The PAPER half of a replay (docs/REPLAY.md "PAPER replay"): a fresh state database, the venue (paper wallet, or the
/// embedded simulator fed from the same capture in lockstep), the <see cref="OrderManager"/>, its execution port and the
/// state-backed portfolio the decisions see. Around each cycle it reconciles working orders (fills of resting orders),
/// runs the <see cref="WorkingOrderLifecycle"/> (post-only re-price, taker fallback at <c>execution.cancel_after_seconds</c>),
/// and afterwards copies new orders and fills into the
/// driver's <see cref="DecisionLedger"/> (report and digest) and marks the NAV for the drawdown. Everything happens
/// inside the cycle the driver awaits, so virtual time stands still during every REST round trip. With the simulator,
/// fills come back on its <c>user</c> channel (<see cref="LockstepUserChannel"/>): only the orders it reports changed
/// are read back over REST; when the channel cannot be trusted for a cycle, every working order is (the REST fallback).
/// </summary>
public sealed class PaperReplayExecution : IAsyncDisposable
{
    private readonly ReplayDriver _driver;
    private readonly StateStore _store;
    private readonly PaperVenue? _paper;
    private readonly EmbeddedSimulatorVenue? _sim;
    private readonly LockstepUserChannel? _user;
    private readonly Action<string> _log;
    private readonly Dictionary<string, int> _fillsSeen = new(StringComparer.Ordinal);
    private readonly List<string> _tracked = [];  // orders that may still get fills, in placement order
    private decimal _highWater;
    private bool _cashDirty;   // the simulator's balance may have moved since the last GET /accounts

    private PaperReplayExecution(ReplayDriver driver, StateStore store, PaperVenue? paper, EmbeddedSimulatorVenue? sim,
        LockstepUserChannel? user, TraderConfig config, int seed, Action<string> log)
    {
        _driver = driver;
        _store = store;
        _paper = paper;
        _sim = sim;
        _user = user;
        _log = log;
        var time = driver.Clock.TimeProvider;
        IOrderVenue venue = paper is not null ? paper : sim!.Venue;
        Manager = new OrderManager(store, venue, OrderSizer.FromPolicy(config.Policy),
            ExecutionSettings.FromPolicy(config.Policy, config.App.App.Name, TradingMode.Paper), time,
            id => driver.State.Snapshot(id, time.GetUtcNow())?.Info,
            ambiguous => log($"order {ambiguous.ClientOrderId} ({ambiguous.ProductId}) is ambiguous: {ambiguous.Detail}"),
            new Random(seed));
        KillSwitch = new KillSwitch();
        Journal = new StateJournalSink(store.Journal);
        var port = new OrderManagerExecutionPort(Manager, KillSwitch, Journal, time, OnSubmitted, () => AccountHalts.ActiveGate(store.Halts));
        Port = port;
        Lifecycle = WorkingOrderLifecycle.FromConfig(config, Manager, store, id => driver.State.Snapshot(id, time.GetUtcNow()), port.BlockedBy,
            time, OnSubmitted, () => driver.Feed.ExchangeHealth);
        Portfolio = new StatePortfolioSource(store, Cash, Mark, KillSwitch, config.Policy, () => driver.Feed.ExchangeHealth);
        _highWater = Cash();
    }

    public OrderManager Manager { get; }

    public KillSwitch KillSwitch { get; }

    public StateJournalSink Journal { get; }

    public IExecutionPort Port { get; }

    /// <summary>Re-prices and falls back unfilled post-only orders each cycle (docs/EXECUTION.md).</summary>
    public WorkingOrderLifecycle Lifecycle { get; }

    public StatePortfolioSource Portfolio { get; }

    public StateStore Store => _store;

    public string VenueName => Manager.Venue.Name;

    /// <summary>The simulator's user channel (null with the paper wallet, or when it could not subscribe).</summary>
    public LockstepUserChannel? UserChannel => _user;

    /// <summary>
    /// Deletes and recreates a PAPER replay's state folder (mode 0700) so a rerun starts from the same empty account
    /// and gives the same digest. Returns the path of its state database.
    /// </summary>
    public static string PrepareStateDir(string stateDir)
    {
        if (Directory.Exists(stateDir)) Directory.Delete(stateDir, recursive: true);
        Directory.CreateDirectory(stateDir);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(stateDir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return Path.Combine(stateDir, "state.db");
    }

    /// <summary>
    /// Opens the venue in <paramref name="stateDir"/> (see <see cref="PrepareStateDir"/>) over <paramref name="store"/>
    /// (owned by the caller) and, for the simulator, feeds every frame of the replay to its books.
    /// </summary>
    /// <param name="realTime">Bounds the waits for the simulator's user channel (sockets run in real time).</param>
    public static async Task<PaperReplayExecution> StartAsync(ReplayDriver driver, TraderConfig config, ReplayVenue venue, StateStore store,
        string stateDir, int seed, Action<string> log, TimeProvider realTime, CancellationToken cancellationToken)
    {
        PaperVenue? paper = null;
        EmbeddedSimulatorVenue? sim = null;
        LockstepUserChannel? user = null;
        try
        {
            var time = driver.Clock.TimeProvider;
            if (venue == ReplayVenue.Paper)
                paper = new PaperVenue(Path.Combine(stateDir, "paper.db"), id => driver.State.Snapshot(id, time.GetUtcNow())?.Quote,
                    config.Policy.Execution.MakerFeeBps / 10_000m, config.Policy.Execution.TakerFeeBps / 10_000m, time,
                    new Dictionary<string, decimal> { ["USD"] = config.Policy.Backtest.InitialCapitalUsd });
            else
            {
                sim = await EmbeddedSimulatorVenue.StartAsync(EmbeddedSimulatorSettings.FromPolicy(config.Policy, time, seed), cancellationToken)
                    .ConfigureAwait(false);
                var feed = sim;
                driver.FrameArrived = frame => feed.Ingest(frame.Frame);
                user = await LockstepUserChannel.ConnectAsync(sim, realTime, UserChannelConnectWait, UserChannelSettleWait, cancellationToken)
                    .ConfigureAwait(false);
                if (user is null)
                    log($"the simulator's user channel did not subscribe within {UserChannelConnectWait.TotalSeconds:0} s; every working order is read over REST each cycle");
            }
            var execution = new PaperReplayExecution(driver, store, paper, sim, user, config, seed, log);
            // NFR-R1: state says nothing is working in a fresh account, but the order of operations is LIVE's.
            await execution.Manager.ReconcileOnStartAsync(cancellationToken).ConfigureAwait(false);
            return execution;
        }
        catch
        {
            paper?.Dispose();
            if (user is not null) await user.DisposeAsync().ConfigureAwait(false);
            if (sim is not null) await sim.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static readonly TimeSpan UserChannelConnectWait = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan UserChannelSettleWait = TimeSpan.FromSeconds(5);

    /// <summary>Before the decisions of a cycle: reconcile working orders, re-price / fall back the unfilled ones, refresh cash.</summary>
    public async Task BeforeCycleAsync(CycleTick tick, CancellationToken cancellationToken)
    {
        var unresolved = await ReconcileAsync(tick.CycleId, cancellationToken).ConfigureAwait(false);
        if (unresolved > 0) _log($"cycle {tick.CycleId}: {unresolved} working order(s) could not be reconciled");
        await Lifecycle.RunAsync(tick.CycleId, cancellationToken).ConfigureAwait(false);
        await RefreshCashAsync(tick.CycleId, cancellationToken).ConfigureAwait(false);
        Collect();
    }

    /// <summary>
    /// Brings working orders in line with the venue; returns how many could not be. With a settled user channel only the
    /// orders it reported changed are read (plus any whose placement is unresolved); otherwise every working order.
    /// </summary>
    private async Task<int> ReconcileAsync(long cycleId, CancellationToken cancellationToken)
    {
        var changed = _user is null ? null : await _user.SettleAsync(cancellationToken).ConfigureAwait(false);
        if (changed is null)
        {
            if (_user is not null) _log($"cycle {cycleId}: the user channel fell behind or reconnected; every working order is read over REST");
            // A resting order may have filled on the venue since the last cycle.
            if (_store.Orders.Working().Count > 0) _cashDirty = true;
            return (await Manager.ReconcileWorkingAsync(cycleId, cancellationToken).ConfigureAwait(false)).Unresolved;
        }

        var updated = changed.ToHashSet(StringComparer.Ordinal);
        var summary = await Manager.ReconcileWorkingAsync(cycleId, cancellationToken,
            only: o => o.Status != OrderStatus.Open || updated.Contains(o.ClientOrderId)).ConfigureAwait(false);
        if (summary.Checked > 0) _cashDirty = true;
        return summary.Unresolved;
    }

    /// <summary>After the decisions: new fills into the ledger and the NAV mark for the drawdown.</summary>
    public async Task AfterCycleAsync(CycleTick tick, CancellationToken cancellationToken)
    {
        await RefreshCashAsync(tick.CycleId, cancellationToken).ConfigureAwait(false);
        Collect();
        var nav = Nav();
        _highWater = Math.Max(_highWater, nav);
        if (_highWater > 0m) _driver.Ledger.Drawdown((double)((_highWater - nav) / _highWater * 100m));
    }

    /// <summary>The simulator's cash through <c>GET /accounts</c>, read only when something may have changed it.</summary>
    private async Task RefreshCashAsync(long cycleId, CancellationToken cancellationToken)
    {
        if (_sim is null || !_cashDirty) return;
        if (await _sim.RefreshCashAsync(cancellationToken).ConfigureAwait(false) is { } failure)
            _log($"cycle {cycleId}: account balance not read ({failure}); deciding with the last known cash");
        else _cashDirty = false;
    }

    /// <summary>At the end: the last fills and every order's final status into the report.</summary>
    public async Task FinishAsync(CancellationToken cancellationToken)
    {
        _cashDirty = true;
        await RefreshCashAsync(-1, cancellationToken).ConfigureAwait(false);
        Collect();
    }

    /// <summary>Cash plus open positions at the market's mid (their average cost while no quote is known).</summary>
    public decimal Nav()
    {
        var nav = Cash();
        foreach (var position in _store.Positions.Open())
            nav += position.BaseSize * (Mark(position.ProductId) ?? position.AverageCost);
        return nav;
    }

    /// <summary>Positions held now, with the market's mid (null while no quote is known).</summary>
    public IReadOnlyList<OpenPosition> OpenPositions() =>
        _store.Positions.Open().Where(p => p.BaseSize > 0m)
            .Select(p => new OpenPosition(p.ProductId, p.BaseSize, p.AverageCost, Mark(p.ProductId))).ToList();

    public decimal Cash() => _paper?.Balance("USD") ?? _sim!.Cash;

    private decimal? Mark(string productId) => _driver.State.Snapshot(productId, _driver.Clock.Now)?.Quote?.Mid;

    private void OnSubmitted(SubmitResult result)
    {
        if (result.ClientOrderId is null || _store.Orders.Get(result.ClientOrderId) is not { } order) return;
        _cashDirty = true;
        _tracked.Add(order.ClientOrderId);
        _fillsSeen.TryAdd(order.ClientOrderId, 0);
        // Fills recorded while placing (an IOC order, or a limit that met the book) follow the order line.
        var placed = order.Status == OrderStatus.Filled || order.FilledSize > 0m ? OrderStatus.Open : order.Status;
        _driver.Ledger.OrderPlaced(ToReport(order, placed), acceptedByVenue: order.VenueOrderId is not null);
        Collect();
    }

    /// <summary>Fills not yet in the ledger, order by order in placement order; then statuses and net realized PnL.</summary>
    private void Collect()
    {
        var done = 0;
        foreach (var id in _tracked)
        {
            var fills = _store.Fills.ForOrder(id);
            var seen = _fillsSeen[id];
            for (var i = seen; i < fills.Count; i++)
            {
                var f = fills[i];
                _driver.Ledger.Fill(f.Ts, f.ProductId, f.ClientOrderId, f.Price, f.Size, f.Fee);
            }
            _fillsSeen[id] = fills.Count;
            if (_store.Orders.Get(id) is not { } order) continue;
            _driver.Ledger.OrderStatus(id, order.Status.ToText());
            if (!order.Status.IsWorking()) done++;
        }
        // A terminal order gets no more fills: stop reading it.
        if (done > 0) _tracked.RemoveAll(id => _store.Orders.Get(id) is not { } o || !o.Status.IsWorking());
        _driver.Ledger.RealizedPnlIs(_store.Positions.All().Sum(p => p.NetRealizedPnl));
    }

    private static ReportOrder ToReport(OrderRecord order, OrderStatus status) => new(
        order.CreatedTs, order.ProductId, order.Side == OrderSide.Buy ? "BUY" : "SELL", order.ClientOrderId, order.OrderType,
        order.Price ?? 0m, order.Size ?? 0m, status.ToText());

    public async ValueTask DisposeAsync()
    {
        _driver.FrameArrived = null;
        _paper?.Dispose();
        if (_user is not null) await _user.DisposeAsync().ConfigureAwait(false);
        if (_sim is not null) await _sim.DisposeAsync().ConfigureAwait(false);
    }
}
