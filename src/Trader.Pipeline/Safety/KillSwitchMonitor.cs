using System.Reactive.Concurrency;
using System.Reactive.Disposables;
using Trader.Pipeline.Alerts;

namespace Trader.Pipeline.Safety;

/// <summary>
/// Polls the kill probes on the one clock every <see cref="PollInterval"/> (1 s, so detection is ≤ 1 s after the
/// request appears; REQ-K1 allows 3 s) and activates the <see cref="KillSwitch"/>; on activation raises a CRITICAL
/// <c>kill_switch</c> alert at the detection instant (REQ-K1: ≤ 5 s). In-process activations (a signal, a policy
/// breach) must be persisted by an <see cref="KillSwitch.Activated"/> subscriber so a probe keeps reporting them;
/// when no probe reports a request any more (after `trader resume`), the switch is released.
/// </summary>
public sealed class KillSwitchMonitor : IDisposable
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    private readonly KillSwitch _killSwitch;
    private readonly IReadOnlyList<IKillSignalProbe> _probes;
    private readonly IScheduler _scheduler;
    private readonly Action<GuardAlert> _raise;
    private readonly SerialDisposable _timer = new();

    public KillSwitchMonitor(KillSwitch killSwitch, IReadOnlyList<IKillSignalProbe> probes, IScheduler scheduler, Action<GuardAlert> raise)
    {
        _killSwitch = killSwitch;
        _probes = probes;
        _scheduler = scheduler;
        _raise = raise;
        _killSwitch.Activated += OnActivated;
    }

    /// <summary>Probes once now, then every <see cref="PollInterval"/>.</summary>
    public void Start()
    {
        Poll();
        _timer.Disposable = _scheduler.SchedulePeriodic(PollInterval, Poll);
    }

    /// <summary>Activates the switch from inside the process (a signal, a policy breach).</summary>
    public bool ActivateNow(string reason, string source) =>
        _killSwitch.Activate(new KillActivation(reason, source, _scheduler.Now, _scheduler.Now));

    private void Poll()
    {
        KillRequest? request = null;
        foreach (var probe in _probes)
        {
            request = probe.Probe();
            if (request is not null) break;
        }

        if (request is not null)
        {
            if (!_killSwitch.IsActive)
                _killSwitch.Activate(new KillActivation(request.Reason, request.Source, request.ActivatedAt, _scheduler.Now));
        }
        else if (_killSwitch.Active is { } active)
        {
            // Every outside request is gone: an operator ran `trader resume` (it clears the halt row and the kill file).
            _killSwitch.Release();
            _raise(new GuardAlert(AlertKinds.KillSwitch, AlertSeverity.Critical, null, "kill_switch",
                $"kill switch released by the operator (was: {active.Reason})", _scheduler.Now, Resolved: true));
        }
    }

    private void OnActivated(KillActivation activation) =>
        _raise(new GuardAlert(AlertKinds.KillSwitch, AlertSeverity.Critical, null, "kill_switch",
            $"kill switch activated ({activation.Source}): {activation.Reason}; new proposals stopped, cancelling every working order",
            _scheduler.Now, Resolved: false));

    public void Dispose()
    {
        _killSwitch.Activated -= OnActivated;
        _timer.Dispose();
    }
}
