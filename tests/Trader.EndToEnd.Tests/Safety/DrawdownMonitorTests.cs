using Trader.Domain.Config;
using Trader.Host.Execution;
using Trader.Host.Safety;
using Trader.Pipeline.Alerts;
using Trader.Pipeline.Clock;
using Trader.Pipeline.Safety;
using Trader.State.Storage;
using Trader.Testing;

namespace Trader.EndToEnd.Tests.Safety;

/// <summary>
/// REQ-DD1 in virtual time: equity marks recorded by the real <see cref="StatePortfolioSource"/> (NAV = cash here),
/// the <see cref="DrawdownMonitor"/> polling them on the clock, halts in the state DB, alerts with their timestamps.
/// The SLA clock starts at the first offending mark.
/// </summary>
public sealed class DrawdownMonitorTests : IDisposable
{
    private readonly TempDir _dir = new("drawdown");
    private readonly StateStore _store;
    private readonly List<GuardAlert> _alerts = [];
    private decimal _cash = 100_000m;

    public DrawdownMonitorTests() => _store = StateStore.Open(_dir.File("state.db"));

    private static PolicyConfig DrawdownOnly => new() { Risk = new RiskSection { DailyStopPnlPct = -50m, WeeklyStopPnlPct = -50m } };

    private StatePortfolioSource Source(PolicyConfig policy) => new(_store, () => _cash, _ => null, new KillSwitch(), policy);

    private DrawdownMonitor Monitor(VirtualClock clock, PolicyConfig policy, TimeSpan? poll = null) =>
        new(_store, policy.Risk, clock, a => _alerts.Add(a), pollInterval: poll);

    /// <summary>The portfolio source's cycle at <paramref name="at"/>: records the equity mark, returns the gates it latches.</summary>
    private Trader.Domain.Risk.SafetyState MarkAt(VirtualClock clock, StatePortfolioSource source, DateTimeOffset at, decimal nav)
    {
        if (clock.Now < at) clock.AdvanceTo(at);
        _cash = nav;
        return source.Current(at).Safety;
    }

    [Fact]
    [Trait("Req", "REQ-DD1")]
    public void A_breach_of_max_drawdown_latches_a_persisted_halt_at_the_mark_and_alerts_within_5_s_until_the_operator_resumes()
    {
        var clock = VirtualTime.Create();
        var t0 = clock.Now;
        var policy = DrawdownOnly;
        var source = Source(policy);
        using var monitor = Monitor(clock, policy);
        monitor.Start();

        MarkAt(clock, source, t0, 100_000m);
        MarkAt(clock, source, t0 + TimeSpan.FromSeconds(60.3), 95_000m);
        var breachAt = t0 + TimeSpan.FromSeconds(120.3);
        MarkAt(clock, source, breachAt, 89_900m);
        clock.AdvanceTo(breachAt + DrawdownMonitor.AlertDeadline);

        var halt = _store.Halts.FindActive(DrawdownMonitor.DrawdownGate, DrawdownMonitor.Scope);
        Assert.NotNull(halt);
        Assert.Equal(breachAt, halt.ActivatedTs);
        Assert.StartsWith("max_drawdown", halt.HaltReason);
        var alert = Assert.Single(_alerts);
        Assert.Equal((AlertKinds.Drawdown, AlertSeverity.Critical, "max_drawdown", false), (alert.Kind, alert.Severity, alert.Reason, alert.Resolved));
        Assert.InRange(alert.Ts - breachAt, TimeSpan.Zero, DrawdownMonitor.AlertDeadline);
        Assert.Equal(TimeSpan.FromMilliseconds(700), alert.Ts - breachAt); // the next 1 s poll
        Assert.Equal((100_000m, 10.1m, 10.1m), (monitor.Status.RollingPeak, monitor.Status.RollingDrawdownPct, monitor.Status.SessionMaxDrawdownPct));

        // The next cycle decides against the latched halt, even after NAV recovers a little.
        Assert.True(MarkAt(clock, source, clock.Now, 91_000m).DrawdownHaltLatched);

        var cleared = OperatorRelease.Resume(_store.Halts, clock.Now, "operator", "loss reviewed");
        Assert.Equal([DrawdownMonitor.DrawdownGate], cleared);
        clock.AdvanceBy(TimeSpan.FromSeconds(1));
        Assert.Contains(_alerts, a => a.Kind == AlertKinds.Drawdown && a.Resolved);
        Assert.False(MarkAt(clock, source, clock.Now, 90_000m).DrawdownHaltLatched);

        // After the resume the peak restarts at the NAV of the time: 1 % lower does not halt, 10 % lower does.
        clock.AdvanceBy(TimeSpan.FromSeconds(2));
        Assert.Null(_store.Halts.FindActive(DrawdownMonitor.DrawdownGate, DrawdownMonitor.Scope));
        var secondBreach = clock.Now + TimeSpan.FromSeconds(30);
        MarkAt(clock, source, secondBreach, 80_000m);
        clock.AdvanceBy(TimeSpan.FromSeconds(1));
        Assert.Equal(secondBreach, _store.Halts.FindActive(DrawdownMonitor.DrawdownGate, DrawdownMonitor.Scope)?.ActivatedTs);
    }

    [Fact]
    [Trait("Req", "REQ-DD1")]
    public void A_detection_path_1_ms_slower_than_5_s_is_measured_as_a_missed_deadline()
    {
        var clock = VirtualTime.Create();
        var t0 = clock.Now;
        var policy = DrawdownOnly;
        var source = Source(policy);
        using var monitor = Monitor(clock, policy, poll: DrawdownMonitor.AlertDeadline + TimeSpan.FromMilliseconds(1));
        monitor.Start();

        MarkAt(clock, source, t0, 100_000m);
        MarkAt(clock, source, t0, 89_000m);
        clock.AdvanceBy(TimeSpan.FromSeconds(20));

        var alert = Assert.Single(_alerts);
        var measured = alert.Ts - _store.Halts.FindActive(DrawdownMonitor.DrawdownGate, DrawdownMonitor.Scope)!.ActivatedTs;
        Assert.True(measured > DrawdownMonitor.AlertDeadline, $"measured {measured}");
        Assert.Equal(DrawdownMonitor.AlertDeadline + TimeSpan.FromMilliseconds(1), measured);
    }

    [Fact]
    [Trait("Req", "REQ-DD1")]
    public void The_daily_stop_latches_for_the_day_and_is_released_by_the_first_poll_of_the_next_utc_day()
    {
        var clock = VirtualTime.Create(new DateTimeOffset(2025, 1, 7, 23, 50, 0, TimeSpan.Zero));
        var policy = new PolicyConfig();
        var source = Source(policy);
        using var monitor = Monitor(clock, policy);
        monitor.Start();

        MarkAt(clock, source, clock.Now, 100_000m);
        var breachAt = clock.Now + TimeSpan.FromMinutes(1) + TimeSpan.FromMilliseconds(250);
        var safety = MarkAt(clock, source, breachAt, 96_900m);
        Assert.False(safety.DailyStopLatched);
        clock.AdvanceBy(TimeSpan.FromSeconds(5));

        var halt = _store.Halts.FindActive(DrawdownMonitor.DailyGate, DrawdownMonitor.Scope);
        Assert.Equal(breachAt, halt?.ActivatedTs);
        var alert = Assert.Single(_alerts);
        Assert.Equal((AlertKinds.DailyStop, "daily_stop_loss", AlertSeverity.Critical), (alert.Kind, alert.Reason, alert.Severity));
        Assert.Equal(TimeSpan.FromMilliseconds(750), alert.Ts - breachAt);
        Assert.True(MarkAt(clock, source, clock.Now, 97_000m).DailyStopLatched);
        Assert.Null(_store.Halts.FindActive(DrawdownMonitor.DrawdownGate, DrawdownMonitor.Scope));

        var midnight = new DateTimeOffset(2025, 1, 8, 0, 0, 0, TimeSpan.Zero);
        clock.AdvanceTo(midnight);
        Assert.Null(_store.Halts.FindActive(DrawdownMonitor.DailyGate, DrawdownMonitor.Scope));
        var released = Assert.Single(_store.Halts.ActivatedSince(breachAt), h => h.Gate == DrawdownMonitor.DailyGate);
        Assert.Equal((midnight, DrawdownMonitor.ReleasedBy), (released.ClearedTs, released.ClearedBy));
        Assert.Contains(_alerts, a => a.Kind == AlertKinds.DailyStop && a.Resolved && a.Ts == midnight);
        Assert.False(MarkAt(clock, source, clock.Now, 97_000m).DailyStopLatched);
    }

    [Fact]
    [Trait("Req", "REQ-DD1")]
    public void The_weekly_stop_latches_for_the_iso_week_and_is_released_on_monday()
    {
        // Sunday 5 January 2025, 23:55 UTC: the week began on Monday the 30th.
        var clock = VirtualTime.Create(new DateTimeOffset(2025, 1, 5, 23, 55, 0, TimeSpan.Zero));
        var policy = new PolicyConfig { Risk = new RiskSection { DailyStopPnlPct = -50m } };
        var source = Source(policy);
        using var monitor = Monitor(clock, policy);
        monitor.Start();

        MarkAt(clock, source, clock.Now, 100_000m);
        var breachAt = clock.Now + TimeSpan.FromSeconds(30);
        MarkAt(clock, source, breachAt, 92_900m);
        clock.AdvanceBy(TimeSpan.FromSeconds(31));

        Assert.Equal(breachAt, _store.Halts.FindActive(DrawdownMonitor.WeeklyGate, DrawdownMonitor.Scope)?.ActivatedTs);
        var alert = Assert.Single(_alerts);
        Assert.Equal((AlertKinds.DailyStop, "weekly_stop_loss"), (alert.Kind, alert.Reason));
        Assert.InRange(alert.Ts - breachAt, TimeSpan.Zero, DrawdownMonitor.AlertDeadline);
        Assert.True(MarkAt(clock, source, clock.Now, 93_000m).WeeklyStopLatched);

        var monday = new DateTimeOffset(2025, 1, 6, 0, 0, 0, TimeSpan.Zero);
        clock.AdvanceTo(monday);
        Assert.Null(_store.Halts.FindActive(DrawdownMonitor.WeeklyGate, DrawdownMonitor.Scope));
        Assert.Contains(_alerts, a => a.Reason == "weekly_stop_loss" && a.Resolved && a.Ts == monday);
    }

    [Fact]
    [Trait("Req", "REQ-DD1")]
    public void A_restart_keeps_the_latched_halt_and_the_peak_without_alerting_again_and_a_resume_still_releases_it()
    {
        var clock = VirtualTime.Create();
        var policy = DrawdownOnly;
        var source = Source(policy);
        using (var first = Monitor(clock, policy))
        {
            first.Start();
            MarkAt(clock, source, clock.Now, 100_000m);
            MarkAt(clock, source, clock.Now + TimeSpan.FromSeconds(10), 88_000m);
            clock.AdvanceBy(TimeSpan.FromSeconds(2));
        }
        Assert.Single(_alerts);

        using var restarted = Monitor(clock, policy);
        restarted.Start();
        MarkAt(clock, source, clock.Now + TimeSpan.FromSeconds(60), 88_500m);
        clock.AdvanceBy(TimeSpan.FromSeconds(1));
        Assert.Single(_alerts);
        Assert.Equal(100_000m, restarted.Status.RollingPeak);
        Assert.True(source.Current(clock.Now).Safety.DrawdownHaltLatched);

        OperatorRelease.Resume(_store.Halts, clock.Now, "operator", "reviewed");
        clock.AdvanceBy(TimeSpan.FromSeconds(1));
        Assert.Contains(_alerts, a => a.Kind == AlertKinds.Drawdown && a.Resolved);
    }

    public void Dispose()
    {
        _store.Dispose();
        _dir.Dispose();
    }
}
