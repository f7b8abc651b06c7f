using System.Text.Json;
using Trader.Pipeline.Telemetry;
using Trader.Testing;
using TelemetryRegistry = Trader.Pipeline.Telemetry.Telemetry;

namespace Trader.Pipeline.Tests.Telemetry;

public sealed class TelemetryTests
{
    private static readonly DateTimeOffset T0 = VirtualTime.Epoch;

    [Fact]
    [Trait("Req", "REQ-OB1")]
    [Trait("Req", "NFR-P1")]
    public void Window_figures_are_exact_quantiles_and_the_degraded_share_of_recent_cycles()
    {
        var clock = VirtualTime.Create();
        var telemetry = new TelemetryRegistry(clock.TimeProvider, new TelemetryOptions { Window = TimeSpan.FromMinutes(10) });
        var shuffled = Enumerable.Range(1, 1000).OrderBy(i => (i * 7919) % 1000).ToList();
        foreach (var ms in shuffled)
            telemetry.RecordCycle(TimeSpan.FromMilliseconds(ms), degraded: ms % 200 == 0);
        foreach (var ms in Enumerable.Range(1, 200))
            telemetry.RecordRest("orders", 200, TimeSpan.FromMilliseconds(ms * 2));

        var window = telemetry.Window();

        Assert.Equal(1000, window.CycleSamples);
        Assert.Equal(0.500, window.CycleP50!.Value, 12);
        Assert.Equal(0.950, window.CycleP95!.Value, 12);
        Assert.Equal(0.990, window.CycleP99!.Value, 12);
        Assert.Equal(200, window.RestSamples);
        Assert.Equal(0.200, window.RestP50!.Value, 12);
        Assert.Equal(0.380, window.RestP95!.Value, 12);
        Assert.Equal(0.396, window.RestP99!.Value, 12);
        Assert.Equal(5, window.DegradedCycles);
        Assert.Equal(0.005, window.DegradedShare!.Value, 12);

        clock.AdvanceBy(TimeSpan.FromMinutes(10));
        var later = telemetry.Window();
        Assert.Equal(0, later.CycleSamples);
        Assert.Null(later.CycleP95);
        Assert.Null(later.DegradedShare);
    }

    [Fact]
    public void Counters_and_labelled_series_are_kept_apart()
    {
        var clock = VirtualTime.Create();
        var telemetry = new TelemetryRegistry(clock.TimeProvider);
        telemetry.RecordCycle(TimeSpan.FromMilliseconds(100), degraded: true);
        telemetry.RecordCycle(TimeSpan.FromMilliseconds(200), degraded: false);
        telemetry.RecordCycleSkipped();
        telemetry.RecordFrame();
        telemetry.RecordFrame();
        telemetry.RecordParseError();
        telemetry.RecordOrder();
        telemetry.RecordFill();
        telemetry.RecordAlert("slo");
        telemetry.RecordAlert("slo");
        telemetry.RecordAlert("feed_down");
        telemetry.RecordRest("orders", 200, TimeSpan.FromMilliseconds(50));
        telemetry.RecordRest("orders", 429, TimeSpan.FromMilliseconds(5));
        telemetry.RecordRest("accounts", 0, TimeSpan.FromSeconds(10));
        telemetry.RecordFeedLag("ticker", T0, T0.AddMilliseconds(40));
        telemetry.RecordFeedLag("level2", T0, T0.AddMilliseconds(300));

        var snapshot = telemetry.Snapshot();

        Assert.Equal((2L, 1L, 1L, 2L, 1L, 1L, 1L),
            (snapshot.Cycles, snapshot.CyclesSkipped, snapshot.DegradedCycles, snapshot.Frames, snapshot.ParseErrors, snapshot.Orders, snapshot.Fills));
        Assert.Equal(new Dictionary<string, long> { ["feed_down"] = 1, ["slo"] = 2 }, snapshot.AlertsByKind);
        Assert.Equal(["accounts/0", "orders/200", "orders/429"], snapshot.Rest.Select(s => $"{s.Endpoint}/{s.Status}"));
        Assert.All(snapshot.Rest, s => Assert.Equal(1, s.Latency.Count));
        Assert.Equal(["level2", "ticker"], snapshot.FeedLag.Select(s => s.Channel));
        Assert.Equal(0.3, snapshot.FeedLag[0].Lag.Sum, 9);
        Assert.Equal(2, snapshot.CycleLatency.Count);
        Assert.Equal(0.3, snapshot.CycleLatency.Sum, 9);
    }

    [Fact]
    public void Beyond_the_series_cap_new_endpoints_are_counted_as_other()
    {
        var clock = VirtualTime.Create();
        var telemetry = new TelemetryRegistry(clock.TimeProvider, new TelemetryOptions { MaxSeries = 2 });
        telemetry.RecordRest("a", 200, TimeSpan.FromMilliseconds(1));
        telemetry.RecordRest("b", 200, TimeSpan.FromMilliseconds(1));
        telemetry.RecordRest("c", 200, TimeSpan.FromMilliseconds(1));
        telemetry.RecordRest("d", 200, TimeSpan.FromMilliseconds(1));
        telemetry.RecordRest("a", 200, TimeSpan.FromMilliseconds(1));

        var series = telemetry.Snapshot().Rest.ToDictionary(s => s.Endpoint, s => s.Latency.Count);

        Assert.Equal(new Dictionary<string, long> { ["a"] = 2, ["b"] = 1, [TelemetryRegistry.OtherLabel] = 2 }, series);
        Assert.Equal(5, telemetry.Window().RestSamples);
    }

    [Fact]
    [Trait("Req", "REQ-OB1")]
    public void The_status_snapshot_carries_the_same_figures_as_snake_case_json()
    {
        var clock = VirtualTime.Create();
        var telemetry = new TelemetryRegistry(clock.TimeProvider);
        foreach (var ms in Enumerable.Range(1, 100))
            telemetry.RecordCycle(TimeSpan.FromMilliseconds(ms * 10), degraded: ms == 1);
        telemetry.RecordRest("orders", 200, TimeSpan.FromMilliseconds(120));
        using var slo = new SloEvaluator(telemetry, clock, new SloSettings(), _ => { });
        slo.Evaluate();

        var status = StatusSnapshot.From(telemetry.Snapshot(), slo.States);
        using var json = JsonDocument.Parse(status.ToJson());
        var root = json.RootElement;

        Assert.Equal(T0, root.GetProperty("ts").GetDateTimeOffset());
        Assert.Equal(3600, root.GetProperty("window_seconds").GetDouble());
        var cycle = root.GetProperty("cycle_latency");
        Assert.Equal(100, cycle.GetProperty("window_samples").GetInt32());
        Assert.Equal(0.5, cycle.GetProperty("p50_seconds").GetDouble(), 12);
        Assert.Equal(0.95, cycle.GetProperty("p95_seconds").GetDouble(), 12);
        Assert.Equal(0.99, cycle.GetProperty("p99_seconds").GetDouble(), 12);
        Assert.Equal(status.Cycle.EstimatedP95!.Value, cycle.GetProperty("estimated_p95_seconds").GetDouble(), 12);
        Assert.Equal(0.12, root.GetProperty("rest_latency").GetProperty("p95_seconds").GetDouble(), 12);
        Assert.Equal(0.01, root.GetProperty("degraded").GetProperty("share").GetDouble(), 12);
        Assert.Equal(100, root.GetProperty("counters").GetProperty("cycles").GetInt64());
        var slos = root.GetProperty("slos").EnumerateArray().ToList();
        Assert.Equal(SloNames.All, slos.Select(s => s.GetProperty("name").GetString()));
        var degraded = slos.Single(s => s.GetProperty("name").GetString() == SloNames.DegradedCycles);
        Assert.True(degraded.GetProperty("violated").GetBoolean());
        // REST has one sample, below the minimum: not judged, measured but not violated.
        var rest = slos.Single(s => s.GetProperty("name").GetString() == SloNames.RestP95);
        Assert.False(rest.GetProperty("violated").GetBoolean());
        Assert.Equal(1, rest.GetProperty("samples").GetInt32());
    }

    [Fact]
    public void The_histogram_estimate_lands_in_the_bucket_of_the_exact_quantile()
    {
        var clock = VirtualTime.Create();
        var telemetry = new TelemetryRegistry(clock.TimeProvider);
        foreach (var ms in Enumerable.Range(1, 1000))
            telemetry.RecordCycle(TimeSpan.FromMilliseconds(ms * 1.2), degraded: false);

        var status = StatusSnapshot.From(telemetry.Snapshot(), []);

        // exact p95 = 1.14 s lies in (1, 1.5]; so must the estimate.
        Assert.Equal(1.14, status.Cycle.P95!.Value, 9);
        Assert.InRange(status.Cycle.EstimatedP95!.Value, 1.0, 1.5);
        Assert.InRange(status.Cycle.EstimatedP50!.Value, 0.5, 0.75);
    }

}
