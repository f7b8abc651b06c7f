using Trader.Pipeline.Alerts;
using Trader.Pipeline.Clock;
using Trader.Pipeline.Safety;
using Trader.Testing;

namespace Trader.Pipeline.Tests.Safety;

/// <summary>REQ-K1 detection and alert deadlines, in virtual time with timestamps asserted.</summary>
public sealed class KillSwitchMonitorTests
{
    private static readonly TimeSpan DetectionSla = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan AlertSla = TimeSpan.FromSeconds(5);

    /// <summary>A kill request that appears at a chosen instant, like a kill file written by another process.</summary>
    private sealed class ScriptedProbe(VirtualClock clock) : IKillSignalProbe
    {
        public KillRequest? Request { get; set; }

        public KillRequest? Probe() => Request is { } r && clock.Now >= r.ActivatedAt ? r : null;
    }

    private static (VirtualClock Clock, ScriptedProbe Probe, KillSwitch Switch, KillSwitchMonitor Monitor, List<GuardAlert> Alerts) Setup()
    {
        var clock = VirtualTime.Create();
        var probe = new ScriptedProbe(clock);
        var alerts = new List<GuardAlert>();
        var killSwitch = new KillSwitch();
        var monitor = new KillSwitchMonitor(killSwitch, [probe], clock, alerts.Add);
        monitor.Start();
        return (clock, probe, killSwitch, monitor, alerts);
    }

    /// <summary>The deadline check the tests use: a path 1 ms over its SLA fails it.</summary>
    private static bool Within(TimeSpan sla, DateTimeOffset start, DateTimeOffset at) => at - start <= sla;

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(499)]
    [InlineData(999)]
    [Trait("Req", "REQ-K1")]
    public void A_kill_request_is_detected_within_3_s_and_alerted_critical_within_5_s(int offsetMs)
    {
        var (clock, probe, killSwitch, monitor, alerts) = Setup();
        using var _ = monitor;
        clock.AdvanceBy(TimeSpan.FromSeconds(10));
        var activatedAt = clock.Now.AddMilliseconds(offsetMs);
        probe.Request = new KillRequest("operator: exchange incident", "kill_file", activatedAt);

        clock.AdvanceBy(TimeSpan.FromSeconds(5));

        var active = Assert.IsType<KillActivation>(killSwitch.Active);
        Assert.Equal(activatedAt, active.ActivatedAt);
        Assert.True(Within(DetectionSla, activatedAt, active.DetectedAt), $"detected after {active.DetectionLatency.TotalMilliseconds} ms");
        Assert.True(active.DetectionLatency <= KillSwitchMonitor.PollInterval);
        var alert = Assert.Single(alerts);
        Assert.Equal(AlertKinds.KillSwitch, alert.Kind);
        Assert.Equal(AlertSeverity.Critical, alert.Severity);
        Assert.Equal(active.DetectedAt, alert.Ts);
        Assert.True(Within(AlertSla, activatedAt, alert.Ts));
        Assert.Contains("operator: exchange incident", alert.Message);
    }

    [Fact]
    [Trait("Req", "REQ-K1")]
    public void The_deadline_check_fails_a_path_1_ms_late()
    {
        var start = VirtualTime.Epoch;
        Assert.True(Within(DetectionSla, start, start + DetectionSla));
        Assert.False(Within(DetectionSla, start, start + DetectionSla + TimeSpan.FromMilliseconds(1)));
        Assert.False(Within(AlertSla, start, start + AlertSla + TimeSpan.FromMilliseconds(1)));
    }

    [Fact]
    [Trait("Req", "REQ-K1")]
    public void A_request_already_present_at_start_halts_at_once_and_stays_until_released()
    {
        var clock = VirtualTime.Create();
        var probe = new ScriptedProbe(clock) { Request = new KillRequest("left from the last run", "halt_record", VirtualTime.Epoch.AddHours(-3)) };
        var killSwitch = new KillSwitch();
        var alerts = new List<GuardAlert>();
        using var monitor = new KillSwitchMonitor(killSwitch, [probe], clock, alerts.Add);

        monitor.Start();
        Assert.True(killSwitch.IsActive);
        Assert.Equal(clock.Now, killSwitch.Active!.DetectedAt);

        clock.AdvanceBy(TimeSpan.FromMinutes(10));
        Assert.True(killSwitch.IsActive);
        Assert.Single(alerts);

        probe.Request = null; // `trader resume` cleared the halt row and the kill file
        clock.AdvanceBy(TimeSpan.FromSeconds(1));
        Assert.False(killSwitch.IsActive);
        Assert.True(alerts[^1].Resolved);
    }

    [Fact]
    [Trait("Req", "REQ-K1")]
    public void An_in_process_activation_alerts_at_once_and_a_second_activation_is_ignored()
    {
        var (clock, _, killSwitch, monitor, alerts) = Setup();
        using var __ = monitor;
        var activated = new List<KillActivation>();
        killSwitch.Activated += activated.Add;
        clock.AdvanceBy(TimeSpan.FromSeconds(2));

        Assert.True(monitor.ActivateNow("max drawdown breached", "policy"));
        Assert.False(monitor.ActivateNow("again", "signal"));

        var only = Assert.Single(activated);
        Assert.Equal(TimeSpan.Zero, only.DetectionLatency);
        Assert.Equal(clock.Now, Assert.Single(alerts).Ts);
    }
}
