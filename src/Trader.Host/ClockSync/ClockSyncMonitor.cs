using System.Reactive.Concurrency;
using System.Reactive.Disposables;
using Serilog;
using Trader.Pipeline.Alerts;

namespace Trader.Host.ClockSync;

/// <summary>
/// Re-checks the clock every <see cref="Interval"/> on the one clock while a service runs (REQ-TIME1). An
/// out-of-sync check raises a <c>clock_drift</c> alert: under <see cref="ClockGateAction.Enforce"/> (LIVE against
/// Coinbase) it is critical and the service halts through the kill switch (<paramref name="halt"/>: no new
/// proposals, working orders cancelled, the halt persisted until <c>trader resume</c>); under
/// <see cref="ClockGateAction.Warn"/> it is a warning and trading goes on. A later check in sync resolves the alert
/// (the halt stays until an operator resumes). A check still running when the next is due is skipped.
/// </summary>
public sealed class ClockSyncMonitor : IDisposable
{
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    private readonly ClockSyncChecker _checker;
    private readonly ClockGateAction _action;
    private readonly IScheduler _scheduler;
    private readonly Action<GuardAlert> _raise;
    private readonly Func<string, bool> _halt;
    private readonly ILogger _log;
    private readonly SerialDisposable _timer = new();
    private readonly CancellationTokenSource _stopping = new();
    private int _running;
    private bool _driftOpen;

    public ClockSyncMonitor(ClockSyncChecker checker, ClockGateAction action, IScheduler scheduler, Action<GuardAlert> raise,
        Func<string, bool> halt, ILogger log)
    {
        _checker = checker;
        _action = action;
        _scheduler = scheduler;
        _raise = raise;
        _halt = halt;
        _log = log;
    }

    /// <summary>Raised after every completed check (and its alert or halt).</summary>
    public event Action<ClockCheck>? Checked;

    /// <summary>Schedules a check every <see cref="Interval"/>; with <paramref name="checkNow"/>, also one right away (in the background).</summary>
    public void Start(bool checkNow)
    {
        if (_action == ClockGateAction.Exempt) return;
        if (checkNow) _ = CheckNowAsync();
        _timer.Disposable = _scheduler.SchedulePeriodic(Interval, () => { _ = CheckNowAsync(); });
    }

    /// <summary>Runs one check and acts on it; returns null when a check was already running or the check itself failed.</summary>
    public async Task<ClockCheck?> CheckNowAsync()
    {
        if (Interlocked.Exchange(ref _running, 1) == 1) return null;
        try
        {
            var check = await _checker.CheckAsync(_stopping.Token);
            Act(check);
            Checked?.Invoke(check);
            return check;
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            return null;
        }
        catch (Exception e)
        {
            _log.Error("clock check failed: {Problem}", e.Message);
            return null;
        }
        finally
        {
            Volatile.Write(ref _running, 0);
        }
    }

    /// <summary>Applies a check's verdict: alert, halt (when enforced) or resolution.</summary>
    public void Act(ClockCheck check)
    {
        if (check.Problem is not { } problem)
        {
            _log.Information("{ClockCheck}", check.Summary);
            if (_driftOpen)
            {
                _driftOpen = false;
                _raise(new GuardAlert(AlertKinds.ClockDrift, SeverityFor(_action), null, AlertKinds.ClockDrift, check.Summary, _scheduler.Now, Resolved: true));
            }
            return;
        }

        _driftOpen = true;
        if (_action == ClockGateAction.Enforce)
        {
            _log.Fatal("clock drift (REQ-TIME1): {Problem}; halting", problem);
            _raise(new GuardAlert(AlertKinds.ClockDrift, AlertSeverity.Critical, null, AlertKinds.ClockDrift,
                $"{problem}; LIVE trading halted until the clock is fixed and an operator runs `trader resume`", _scheduler.Now, Resolved: false));
            _halt($"clock drift (REQ-TIME1): {problem}");
        }
        else
        {
            _log.Warning("clock drift (REQ-TIME1): {Problem}; LIVE would refuse to start or halt", problem);
            _raise(new GuardAlert(AlertKinds.ClockDrift, AlertSeverity.Warning, null, AlertKinds.ClockDrift,
                $"{problem}; LIVE would refuse to start or halt", _scheduler.Now, Resolved: false));
        }
    }

    private static AlertSeverity SeverityFor(ClockGateAction action) => action == ClockGateAction.Enforce ? AlertSeverity.Critical : AlertSeverity.Warning;

    public void Dispose()
    {
        _timer.Dispose();
        _stopping.Cancel(); // not disposed: a check in flight may still hold its token
    }
}
