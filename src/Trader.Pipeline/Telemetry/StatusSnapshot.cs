using System.Text;
using System.Text.Json;

namespace Trader.Pipeline.Telemetry;

/// <summary>
/// The telemetry figures <c>trader status --json</c> and reports show: cycle and REST latency quantiles, the
/// degraded-cycle share over the window, the counters and the SLO states.
/// </summary>
public sealed record StatusSnapshot(
    DateTimeOffset Ts,
    TimeSpan Window,
    LatencySummary Cycle,
    LatencySummary Rest,
    int DegradedCycles,
    double? DegradedShare,
    TelemetrySnapshot Counters,
    IReadOnlyList<SloState> Slos)
{
    public static StatusSnapshot From(TelemetrySnapshot snapshot, IReadOnlyList<SloState> slos)
    {
        var window = snapshot.Window;
        var restTotal = MergeRest(snapshot.Rest);
        return new StatusSnapshot(
            snapshot.Ts, window.Length,
            new LatencySummary(window.CycleSamples, window.CycleP50, window.CycleP95, window.CycleP99,
                snapshot.CycleLatency.Count, snapshot.CycleLatency.EstimateQuantile(0.50),
                snapshot.CycleLatency.EstimateQuantile(0.95), snapshot.CycleLatency.EstimateQuantile(0.99)),
            new LatencySummary(window.RestSamples, window.RestP50, window.RestP95, window.RestP99,
                restTotal?.Count ?? 0, restTotal?.EstimateQuantile(0.50),
                restTotal?.EstimateQuantile(0.95), restTotal?.EstimateQuantile(0.99)),
            window.DegradedCycles, window.DegradedShare, snapshot, slos);
    }

    /// <summary>Snake-case JSON, stable field order; unknown figures are null.</summary>
    public string ToJson(bool indented = true)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = indented }))
        {
            json.WriteStartObject();
            json.WriteString("ts", Ts);
            json.WriteNumber("window_seconds", Window.TotalSeconds);
            WriteLatency(json, "cycle_latency", Cycle);
            WriteLatency(json, "rest_latency", Rest);
            json.WriteStartObject("degraded");
            json.WriteNumber("cycles", DegradedCycles);
            WriteNumberOrNull(json, "share", DegradedShare);
            json.WriteEndObject();
            json.WriteStartObject("counters");
            json.WriteNumber("cycles", Counters.Cycles);
            json.WriteNumber("cycles_skipped", Counters.CyclesSkipped);
            json.WriteNumber("degraded_cycles", Counters.DegradedCycles);
            json.WriteNumber("frames", Counters.Frames);
            json.WriteNumber("parse_errors", Counters.ParseErrors);
            json.WriteNumber("orders", Counters.Orders);
            json.WriteNumber("fills", Counters.Fills);
            json.WriteStartObject("alerts");
            foreach (var (kind, count) in Counters.AlertsByKind) json.WriteNumber(kind, count);
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteStartArray("slos");
            foreach (var slo in Slos)
            {
                json.WriteStartObject();
                json.WriteString("name", slo.Name);
                json.WriteNumber("target", slo.Target);
                WriteNumberOrNull(json, "measured", slo.Measured);
                json.WriteNumber("samples", slo.Samples);
                json.WriteBoolean("violated", slo.Violated);
                if (slo.EvaluatedAt is { } at) json.WriteString("evaluated_at", at);
                else json.WriteNull("evaluated_at");
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static HistogramSnapshot? MergeRest(IReadOnlyList<RestSeries> series)
    {
        if (series.Count == 0) return null;
        var bounds = series[0].Latency.UpperBounds;
        var counts = new long[series[0].Latency.CumulativeCounts.Count];
        var sum = 0.0;
        foreach (var one in series)
        {
            for (var i = 0; i < counts.Length; i++) counts[i] += one.Latency.CumulativeCounts[i];
            sum += one.Latency.Sum;
        }
        return new HistogramSnapshot(bounds, counts, sum);
    }

    private static void WriteLatency(Utf8JsonWriter json, string name, LatencySummary latency)
    {
        json.WriteStartObject(name);
        json.WriteNumber("window_samples", latency.Samples);
        WriteNumberOrNull(json, "p50_seconds", latency.P50);
        WriteNumberOrNull(json, "p95_seconds", latency.P95);
        WriteNumberOrNull(json, "p99_seconds", latency.P99);
        json.WriteNumber("total", latency.Total);
        WriteNumberOrNull(json, "estimated_p50_seconds", latency.EstimatedP50);
        WriteNumberOrNull(json, "estimated_p95_seconds", latency.EstimatedP95);
        WriteNumberOrNull(json, "estimated_p99_seconds", latency.EstimatedP99);
        json.WriteEndObject();
    }

    private static void WriteNumberOrNull(Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } number && double.IsFinite(number)) json.WriteNumber(name, number);
        else json.WriteNull(name);
    }
}
