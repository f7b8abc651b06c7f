using System.Globalization;

namespace Trader.Pipeline.Telemetry;

/// <summary>Renders a <see cref="TelemetrySnapshot"/> and the SLO states as the <c>/metrics</c> text (docs/TELEMETRY.md).</summary>
public static class TelemetryExposition
{
    public static string Render(TelemetrySnapshot snapshot, IReadOnlyList<SloState> slos)
    {
        var text = new PrometheusText();

        text.Family("trader_decision_cycle_seconds", "histogram", "Decision-cycle latency in seconds.")
            .Histogram("trader_decision_cycle_seconds", snapshot.CycleLatency);

        text.Family("trader_rest_request_seconds", "histogram", "Exchange REST call latency in seconds by endpoint and HTTP status (0: no response).");
        foreach (var series in snapshot.Rest)
            text.Histogram("trader_rest_request_seconds", series.Latency,
                ("endpoint", series.Endpoint), ("status", series.Status.ToString(CultureInfo.InvariantCulture)));

        text.Family("trader_feed_lag_seconds", "histogram", "Market-data lag (receive time minus event time) in seconds by channel.");
        foreach (var series in snapshot.FeedLag)
            text.Histogram("trader_feed_lag_seconds", series.Lag, ("channel", series.Channel));

        Counter(text, "trader_cycles_total", "Decision cycles run.", snapshot.Cycles);
        Counter(text, "trader_cycles_skipped_total", "Decision cycles skipped because the previous one was still running.", snapshot.CyclesSkipped);
        Counter(text, "trader_degraded_cycles_total", "Decision cycles run while a safety-gate input was degraded.", snapshot.DegradedCycles);
        Counter(text, "trader_frames_total", "Market-data frames received.", snapshot.Frames);
        Counter(text, "trader_parse_errors_total", "Market-data frames that failed to parse.", snapshot.ParseErrors);
        Counter(text, "trader_orders_total", "Orders placed.", snapshot.Orders);
        Counter(text, "trader_fills_total", "Fills received.", snapshot.Fills);

        text.Family("trader_alerts_total", "counter", "Alerts raised by kind.");
        foreach (var (kind, count) in snapshot.AlertsByKind)
            text.Sample("trader_alerts_total", count, ("kind", kind));

        var window = snapshot.Window;
        text.Family("trader_window_seconds", "gauge", "Length of the rolling window the exact quantiles and SLOs are computed over.")
            .Sample("trader_window_seconds", window.Length.TotalSeconds);
        text.Family("trader_window_cycle_latency_seconds", "gauge", "Exact decision-cycle latency quantiles over the rolling window.");
        Quantiles(text, "trader_window_cycle_latency_seconds", window.CycleP50, window.CycleP95, window.CycleP99);
        text.Family("trader_window_rest_latency_seconds", "gauge", "Exact REST latency quantiles over the rolling window.");
        Quantiles(text, "trader_window_rest_latency_seconds", window.RestP50, window.RestP95, window.RestP99);
        text.Family("trader_window_degraded_cycle_ratio", "gauge", "Share of cycles in the rolling window run with degraded safety.");
        if (window.DegradedShare is { } share) text.Sample("trader_window_degraded_cycle_ratio", share);

        text.Family("trader_slo_target", "gauge", "SLO target (seconds for latencies, a 0-1 share for degraded cycles).");
        foreach (var slo in slos) text.Sample("trader_slo_target", slo.Target, ("slo", slo.Name));
        text.Family("trader_slo_violated", "gauge", "1 while the SLO is violated (an slo alert is open), else 0.");
        foreach (var slo in slos) text.Sample("trader_slo_violated", slo.Violated ? 1 : 0, ("slo", slo.Name));

        return text.ToString();
    }

    private static void Counter(PrometheusText text, string name, string help, long value) =>
        text.Family(name, "counter", help).Sample(name, value);

    private static void Quantiles(PrometheusText text, string name, double? p50, double? p95, double? p99)
    {
        if (p50 is { } a) text.Sample(name, a, ("quantile", "0.5"));
        if (p95 is { } b) text.Sample(name, b, ("quantile", "0.95"));
        if (p99 is { } c) text.Sample(name, c, ("quantile", "0.99"));
    }
}
