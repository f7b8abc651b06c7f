using Serilog;
using Trader.Domain.Config;
using Trader.Host.ClockSync;
using Trader.Pipeline.Alerts;
using Trader.Pipeline.Clock;
using Trader.Pipeline.Safety;
using Trader.State.Storage;
using Trader.Testing;

namespace Trader.Host.Tests.ClockSync;

/// <summary>The hourly re-check on the virtual clock, wired to a real kill switch as <c>trader run</c> wires it.</summary>
[Trait("Req", "REQ-TIME1")]
public sealed class ClockSyncMonitorTests : IDisposable
{
    private readonly VirtualClock _clock = VirtualTime.Create();
    private readonly TempDir _dir = new("trader-clockmon-");
    private readonly StateStore _store;
    private readonly SntpResponder _responder;
    private readonly List<GuardAlert> _alerts = [];
    private readonly KillSwitch _killSwitch = new();
    private readonly KillSwitchMonitor _killMonitor;

    public ClockSyncMonitorTests()
    {
        _store = StateStore.Open(_dir.File("state.db"));
        _responder = new SntpResponder(() => _clock.Now, TimeSpan.FromMilliseconds(4));
        _killMonitor = new KillSwitchMonitor(_killSwitch, [], _clock, Record);
    }

    private void Record(GuardAlert alert)
    {
        lock (_alerts) _alerts.Add(alert);
    }

    private List<GuardAlert> Alerts()
    {
        lock (_alerts) return _alerts.ToList();
    }

    private ClockSyncMonitor Monitor(ClockGateAction action)
    {
        var checker = ClockSyncChecker.Create(new ClockSection { NtpServers = [_responder.Server], MaxDriftMs = 100 }, _clock.TimeProvider, _store.Evidence);
        return new ClockSyncMonitor(checker, action, _clock, Record, reason => _killMonitor.ActivateNow(reason, "clock_drift"), new LoggerConfiguration().CreateLogger());
    }

    /// <summary>Advances the virtual clock by <paramref name="by"/> and waits (bounded, real time) for the check the hourly timer starts.</summary>
    private static async Task<ClockCheck> AdvanceAndAwaitCheckAsync(VirtualClock clock, ClockSyncMonitor monitor, TimeSpan by)
    {
        var done = new TaskCompletionSource<ClockCheck>(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnChecked(ClockCheck c) => done.TrySetResult(c);
        monitor.Checked += OnChecked;
        clock.AdvanceBy(by);
        var check = await done.Task.WaitAsync(TimeSpan.FromSeconds(5));
        monitor.Checked -= OnChecked;
        return check;
    }

    [Fact]
    public async Task The_hourly_recheck_halts_LIVE_with_a_critical_clock_drift_alert_when_the_clock_drifts()
    {
        using var monitor = Monitor(ClockGateAction.Enforce);
        monitor.Start(checkNow: false);

        var first = await AdvanceAndAwaitCheckAsync(_clock, monitor, TimeSpan.FromHours(1));
        Assert.True(first.InSync);
        Assert.Equal(VirtualTime.Epoch.AddHours(1), first.Ts);
        Assert.False(_killSwitch.IsActive);
        Assert.Empty(Alerts());

        _responder.Offset = TimeSpan.FromMilliseconds(150);
        _clock.AdvanceBy(TimeSpan.FromMinutes(59));
        Assert.Equal(1, _responder.Requests); // nothing between the hours
        var second = await AdvanceAndAwaitCheckAsync(_clock, monitor, TimeSpan.FromMinutes(1));
        Assert.Equal(VirtualTime.Epoch.AddHours(2), second.Ts);
        Assert.False(second.InSync);

        Assert.True(_killSwitch.IsActive);
        var halt = _killSwitch.Active!;
        Assert.Equal("clock_drift", halt.Source);
        Assert.Contains("150 ms behind NTP time", halt.Reason);
        Assert.Equal(VirtualTime.Epoch.AddHours(2), halt.ActivatedAt);

        var alerts = Alerts();
        var drift = Assert.Single(alerts, a => a.Kind == AlertKinds.ClockDrift);
        Assert.Equal(AlertSeverity.Critical, drift.Severity);
        Assert.False(drift.Resolved);
        Assert.Equal(VirtualTime.Epoch.AddHours(2), drift.Ts);
        Assert.Contains(alerts, a => a.Kind == AlertKinds.KillSwitch && a.Ts == VirtualTime.Epoch.AddHours(2));

        Assert.Equal(2, _store.Evidence.OfKind("clock_check").Count);
        Assert.Equal(2, _responder.Requests);
    }

    [Fact]
    public async Task PAPER_and_DRY_RUN_only_warn_and_the_warning_resolves_when_the_clock_is_back_in_sync()
    {
        using var monitor = Monitor(ClockGateAction.Warn);
        _responder.Offset = TimeSpan.FromMilliseconds(-250);
        var started = new TaskCompletionSource<ClockCheck>(TaskCreationOptions.RunContinuationsAsynchronously);
        monitor.Checked += c => started.TrySetResult(c);
        monitor.Start(checkNow: true);
        var atStart = await started.Task.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.False(atStart.InSync);
        Assert.Equal(VirtualTime.Epoch, atStart.Ts);
        Assert.False(_killSwitch.IsActive);
        var warning = Assert.Single(Alerts());
        Assert.Equal((AlertKinds.ClockDrift, AlertSeverity.Warning, false), (warning.Kind, warning.Severity, warning.Resolved));
        Assert.Contains("250 ms ahead of NTP time", warning.Message);

        _responder.Offset = TimeSpan.FromMilliseconds(2);
        var later = await AdvanceAndAwaitCheckAsync(_clock, monitor, ClockSyncMonitor.Interval);
        Assert.True(later.InSync);
        var resolved = Alerts().Last();
        Assert.Equal((AlertKinds.ClockDrift, true), (resolved.Kind, resolved.Resolved));
        Assert.Equal(VirtualTime.Epoch + ClockSyncMonitor.Interval, resolved.Ts);
        Assert.False(_killSwitch.IsActive);
    }

    [Fact]
    public void Exempt_runs_never_query()
    {
        using var monitor = Monitor(ClockGateAction.Exempt);
        monitor.Start(checkNow: true);
        _clock.AdvanceBy(TimeSpan.FromHours(3));
        Assert.Null(_clock.NextDue);
        Assert.Equal(0, _responder.Requests);
    }

    public void Dispose()
    {
        _killMonitor.Dispose();
        _responder.Dispose();
        _store.Dispose();
        _dir.Dispose();
    }
}
