using Trader.Pipeline.Alerts;
using Trader.Pipeline.Clock;
using Trader.Pipeline.Telemetry;
using Trader.Testing;
using TelemetryRegistry = Trader.Pipeline.Telemetry.Telemetry;

namespace Trader.Pipeline.Tests.Telemetry;

/// <summary>REQ-OB1 and NFR-P1: SLOs evaluated over the rolling window every minute on the clock, alarming on violation.</summary>
public sealed class SloEvaluatorTests
{
    private static readonly DateTimeOffset T0 = VirtualTime.Epoch;
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    private sealed record Rig(VirtualClock Clock, TelemetryRegistry Telemetry, SloEvaluator Slo, List<GuardAlert> Alerts) : IDisposable
    {
        public void Dispose() => Slo.Dispose();

        public void Cycles(int count, double seconds, bool degraded = false)
        {
            for (var i = 0; i < count; i++) Telemetry.RecordCycle(TimeSpan.FromSeconds(seconds), degraded);
        }

        public void Rest(int count, double seconds)
        {
            for (var i = 0; i < count; i++) Telemetry.RecordRest("orders", 200, TimeSpan.FromSeconds(seconds));
        }
    }

    private static Rig Start(TimeSpan? window = null)
    {
        var clock = VirtualTime.Create();
        var telemetry = new TelemetryRegistry(clock.TimeProvider, new TelemetryOptions { Window = window ?? TimeSpan.FromMinutes(10) });
        var alerts = new List<GuardAlert>();
        var slo = new SloEvaluator(telemetry, clock, new SloSettings(), alerts.Add);
        slo.Start();
        return new Rig(clock, telemetry, slo, alerts);
    }

    [Fact]
    [Trait("Req", "NFR-P1")]
    [Trait("Req", "REQ-OB1")]
    public void A_cycle_p95_of_exactly_one_second_meets_the_slo()
    {
        using var rig = Start();
        rig.Cycles(95, 1.000);
        rig.Cycles(5, 1.900);

        rig.Clock.AdvanceBy(Minute);

        Assert.Empty(rig.Alerts);
        var state = rig.Slo.States.Single(s => s.Name == SloNames.CycleP95);
        Assert.Equal((1.0, 1.0, false, 100), (state.Target, state.Measured!.Value, state.Violated, state.Samples));
        Assert.Equal(T0 + Minute, state.EvaluatedAt);
    }

    [Fact]
    [Trait("Req", "NFR-P1")]
    [Trait("Req", "REQ-OB1")]
    public void A_cycle_p95_one_millisecond_over_raises_an_slo_warning_at_the_evaluation()
    {
        using var rig = Start();
        rig.Cycles(95, 1.001);
        rig.Cycles(5, 1.900);

        rig.Clock.AdvanceBy(Minute - TimeSpan.FromTicks(1));
        Assert.Empty(rig.Alerts);
        rig.Clock.AdvanceBy(TimeSpan.FromTicks(1));

        var alert = Assert.Single(rig.Alerts);
        Assert.Equal((AlertKinds.Slo, AlertSeverity.Warning, SloNames.CycleP95, T0 + Minute, false),
            (alert.Kind, alert.Severity, alert.Reason, alert.Ts, alert.Resolved));
        Assert.Contains("1.001 s", alert.Message);
        Assert.Null(alert.ProductId);
    }

    [Fact]
    [Trait("Req", "NFR-P1")]
    public void A_cycle_p99_of_two_seconds_meets_and_two_seconds_and_a_millisecond_raises()
    {
        using var meets = Start();
        meets.Cycles(98, 0.5);
        meets.Cycles(2, 2.000);
        meets.Clock.AdvanceBy(Minute);
        Assert.Empty(meets.Alerts);

        using var over = Start();
        over.Cycles(98, 0.5);
        over.Cycles(2, 2.001);
        over.Clock.AdvanceBy(Minute);
        var alert = Assert.Single(over.Alerts);
        Assert.Equal(SloNames.CycleP99, alert.Reason);
        Assert.Contains("2.001 s", alert.Message);
    }

    [Fact]
    [Trait("Req", "REQ-OB1")]
    public void A_rest_p95_of_300_ms_meets_and_301_ms_raises()
    {
        using var meets = Start();
        meets.Rest(95, 0.300);
        meets.Rest(5, 4.0);
        meets.Clock.AdvanceBy(Minute);
        Assert.Empty(meets.Alerts);

        using var over = Start();
        over.Rest(95, 0.301);
        over.Rest(5, 4.0);
        over.Clock.AdvanceBy(Minute);
        var alert = Assert.Single(over.Alerts);
        Assert.Equal((SloNames.RestP95, T0 + Minute), (alert.Reason, alert.Ts));
        Assert.Contains("0.301 s", alert.Message);
    }

    [Fact]
    [Trait("Req", "REQ-OB1")]
    public void Half_a_percent_of_degraded_cycles_meets_and_more_raises()
    {
        using var meets = Start();
        meets.Cycles(995, 0.1);
        meets.Cycles(5, 0.1, degraded: true);
        meets.Clock.AdvanceBy(Minute);
        Assert.Empty(meets.Alerts);
        Assert.Equal(0.005, meets.Slo.States.Single(s => s.Name == SloNames.DegradedCycles).Measured!.Value, 12);

        using var over = Start();
        over.Cycles(994, 0.1);
        over.Cycles(6, 0.1, degraded: true);
        over.Clock.AdvanceBy(Minute);
        var alert = Assert.Single(over.Alerts);
        Assert.Equal(SloNames.DegradedCycles, alert.Reason);
        Assert.Contains("0.6 %", alert.Message);
        Assert.Contains("6 of 1000", alert.Message);
    }

    [Fact]
    [Trait("Req", "REQ-OB1")]
    [Trait("Req", "NFR-P1")]
    public void A_violation_alerts_once_and_resolves_at_the_first_evaluation_after_the_slow_cycles_leave_the_window()
    {
        using var rig = Start(window: TimeSpan.FromMinutes(10));
        rig.Cycles(100, 1.5);                       // at T0: p95 1.5 s

        rig.Clock.AdvanceBy(TimeSpan.FromMinutes(5));
        rig.Cycles(100, 0.2);                       // at T0+5m: p95 of the 200 still 1.5 s
        rig.Clock.AdvanceBy(TimeSpan.FromMinutes(4));
        Assert.Single(rig.Alerts);                  // evaluated at 1…9 min, raised once

        rig.Clock.AdvanceBy(TimeSpan.FromMinutes(5));

        Assert.Equal(
            [(T0 + Minute, false, AlertSeverity.Warning), (T0 + TimeSpan.FromMinutes(10), true, AlertSeverity.Info)],
            rig.Alerts.Select(a => (a.Ts, a.Resolved, a.Severity)));
        Assert.All(rig.Alerts, a => Assert.Equal((AlertKinds.Slo, SloNames.CycleP95), (a.Kind, a.Reason)));
        var state = rig.Slo.States.Single(s => s.Name == SloNames.CycleP95);
        Assert.False(state.Violated);
        Assert.Equal(0.2, state.Measured!.Value, 12);
        Assert.Equal(T0 + TimeSpan.FromMinutes(14), state.EvaluatedAt);
    }

    [Fact]
    [Trait("Req", "REQ-OB1")]
    public void Too_few_samples_are_not_judged_and_a_stopped_evaluator_stays_silent()
    {
        using var rig = Start();
        rig.Cycles(19, 5.0);
        rig.Clock.AdvanceBy(Minute);
        Assert.Empty(rig.Alerts);
        Assert.Equal(19, rig.Slo.States.Single(s => s.Name == SloNames.CycleP95).Samples);

        rig.Slo.Dispose();
        rig.Cycles(1, 5.0);
        rig.Clock.AdvanceBy(TimeSpan.FromMinutes(5));
        Assert.Empty(rig.Alerts);
        Assert.Null(rig.Clock.NextDue);
    }

    [Fact]
    public void Evaluations_run_every_interval_on_the_clock()
    {
        using var rig = Start();
        var seen = new List<DateTimeOffset?>();
        for (var i = 0; i < 3; i++)
        {
            rig.Clock.AdvanceTo(rig.Clock.NextDue!.Value);
            seen.Add(rig.Slo.States[0].EvaluatedAt);
        }
        Assert.Equal([T0 + Minute, T0 + 2 * Minute, T0 + 3 * Minute], seen);
    }
}
