using Serilog;
using Trader.Host.Execution;
using Trader.Pipeline.Alerts;
using Trader.Pipeline.Safety;
using Trader.State.Orders;
using Trader.State.Storage;

namespace Trader.Host.Safety;

/// <summary>
/// Cancel-all on kill (REQ-K1: every working order cancelled ≤ 10 s after activation). On each
/// <see cref="KillSwitch.Activated"/> — and at attach time when the switch is already active (a restart while
/// halted) — cancels every working order through <see cref="OrderManager.CancelAsync"/> in one batch, which reads
/// each order back from the venue; rounds repeat on the clock (250 ms, 500 ms, then every second) until the state DB,
/// as read back, holds no working order, or the switch is released. Each run ends with a <see cref="CancelAllReport"/>
/// (the measured time from activation); a run still unconfirmed at the deadline raises a CRITICAL alert.
/// An order still <c>pending_submit</c> for less than <see cref="PendingGrace"/> belongs to a submit in flight: it is
/// left to that submit to move it to open or rejected, then cancelled in the next round (reconciling it earlier could
/// declare it never sent while its request is still on the wire).
/// </summary>
public sealed class CancelAllOnKill : IDisposable
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan PendingGrace = TimeSpan.FromSeconds(30);
    public const string LateReason = "cancel_all_late";

    private static readonly TimeSpan[] RetryDelays = [TimeSpan.FromMilliseconds(250), TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1)];

    private readonly KillSwitch _killSwitch;
    private readonly OrderManager _manager;
    private readonly StateStore _store;
    private readonly TimeProvider _time;
    private readonly Action<GuardAlert> _raise;
    private readonly ILogger _log;
    private readonly CancellationTokenSource _stop = new();
    private readonly object _gate = new();
    private Task<CancelAllReport>? _running;
    private bool _disposed;

    public CancelAllOnKill(KillSwitch killSwitch, OrderManager manager, StateStore store, TimeProvider time, Action<GuardAlert> raise, ILogger? log = null)
    {
        _killSwitch = killSwitch ?? throw new ArgumentNullException(nameof(killSwitch));
        _manager = manager ?? throw new ArgumentNullException(nameof(manager));
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _raise = raise ?? throw new ArgumentNullException(nameof(raise));
        _log = log ?? Serilog.Core.Logger.None;
    }

    /// <summary>Raised when a run ends (confirmed, released or stopped), on the thread that ran it.</summary>
    public event Action<CancelAllReport>? Completed;

    /// <summary>The run in progress or the last one; null before the first activation.</summary>
    public Task<CancelAllReport>? Running
    {
        get { lock (_gate) return _running; }
    }

    /// <summary>
    /// The one call a service makes: subscribes to the switch and, when it is already active with working orders
    /// (a restart while halted), starts cancelling at once.
    /// </summary>
    public static CancelAllOnKill Attach(KillSwitch killSwitch, OrderManager manager, StateStore store, TimeProvider time,
        Action<GuardAlert> raise, ILogger? log = null)
    {
        var cancelAll = new CancelAllOnKill(killSwitch, manager, store, time, raise, log);
        killSwitch.Activated += cancelAll.OnActivated;
        if (killSwitch.Active is { } active) cancelAll.OnActivated(active);
        return cancelAll;
    }

    private void OnActivated(KillActivation activation)
    {
        lock (_gate)
        {
            if (_disposed || _running is { IsCompleted: false }) return;
            // The switch's event is raised on the monitor's poll: the cancelling runs elsewhere so detection never waits on the venue.
            _running = Task.Run(() => RunAsync(activation, _stop.Token));
        }
    }

    private async Task<CancelAllReport> RunAsync(KillActivation activation, CancellationToken stop)
    {
        var started = _time.GetUtcNow();
        var final = new Dictionary<string, OrderStatus>(StringComparer.Ordinal);
        var attempts = 0;
        var rounds = 0;
        var lateAlerted = 0;
        var finished = 0;
        DateTimeOffset? confirmed = null;
        IReadOnlyList<OrderRecord> working = _store.Orders.Working();
        // The deadline is watched on its own timer, so a round still on the wire at 10 s is alerted at 10 s.
        var dueIn = activation.ActivatedAt + Deadline - started;
        using var deadline = _time.CreateTimer(_ =>
        {
            if (Volatile.Read(ref finished) == 1 || Interlocked.Exchange(ref lateAlerted, 1) == 1) return;
            _raise(new GuardAlert(AlertKinds.KillSwitch, AlertSeverity.Critical, null, LateReason,
                $"cancel-all not confirmed {Deadline.TotalSeconds:0} s after the kill switch: {_store.Orders.Working().Count} orders still working; retrying",
                _time.GetUtcNow(), Resolved: false));
        }, null, dueIn > TimeSpan.Zero ? dueIn : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
        foreach (var order in working) final[order.ClientOrderId] = order.Status;
        _log.Warning("cancel-all: {Count} working orders to cancel after the kill switch ({Source})", working.Count, activation.Source);

        try
        {
            while (true)
            {
                if (working.Count == 0)
                {
                    confirmed = _time.GetUtcNow();
                    break;
                }
                if (!_killSwitch.IsActive) break;

                var now = _time.GetUtcNow();
                var ids = working
                    .Where(o => o.Status != OrderStatus.PendingSubmit || now - o.CreatedTs >= PendingGrace)
                    .Select(o => o.ClientOrderId)
                    .ToList();
                if (ids.Count > 0)
                {
                    attempts++;
                    try
                    {
                        foreach (var after in await _manager.CancelAsync(ids, 0, stop).ConfigureAwait(false))
                            final[after.ClientOrderId] = after.Status;
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        _log.Error("cancel-all round {Attempt} failed: {Problem}; retrying", attempts, e.Message);
                    }
                }

                working = _store.Orders.Working();
                foreach (var order in working) final.TryAdd(order.ClientOrderId, order.Status);
                if (working.Count == 0)
                {
                    confirmed = _time.GetUtcNow();
                    break;
                }

                await Task.Delay(RetryDelays[Math.Min(rounds++, RetryDelays.Length - 1)], _time, stop).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            working = _store.Orders.Working();
        }

        Volatile.Write(ref finished, 1);
        foreach (var order in working) final[order.ClientOrderId] = order.Status;
        var report = new CancelAllReport(activation.Reason, activation.ActivatedAt, started, confirmed,
            final.Values.Count(s => s is OrderStatus.Cancelled or OrderStatus.Expired),
            final.Values.Count(s => s == OrderStatus.Filled),
            working.Count,
            attempts);
        if (confirmed is not null)
        {
            _log.Warning("cancel-all confirmed by the venue: {Cancelled} cancelled, {Filled} filled meanwhile, {CancelAllMs} ms after activation in {Attempts} rounds",
                report.OrdersCancelled, report.OrdersFilled, (long)report.Elapsed!.Value.TotalMilliseconds, attempts);
            if (Volatile.Read(ref lateAlerted) == 1)
                _raise(new GuardAlert(AlertKinds.KillSwitch, AlertSeverity.Critical, null, LateReason,
                    $"cancel-all confirmed after {(long)report.Elapsed.Value.TotalMilliseconds} ms", _time.GetUtcNow(), Resolved: true));
        }
        else
        {
            _log.Error("cancel-all ended unconfirmed ({Why}): {Left} orders still working", stop.IsCancellationRequested ? "stopping" : "kill switch released", working.Count);
        }
        Completed?.Invoke(report);
        return report;
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed) return;
            _disposed = true;
        }
        _killSwitch.Activated -= OnActivated;
        // Not disposed: a run may still be observing the token; cancelling is what stops it.
        _stop.Cancel();
    }
}
