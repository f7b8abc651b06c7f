using System.Text.Json;

namespace Trader.Host.Reports;

/// <summary>
/// Writes a <see cref="ReplayReport"/> as JSON with <see cref="Utf8JsonWriter"/>: keys in the order of CONTRACTS.md §6,
/// <c>rejected_by_reason</c> sorted by key, invariant formatting, so equal reports are equal bytes.
/// </summary>
public static class ReplayReportWriter
{
    public static void Write(Stream output, ReplayReport report)
    {
        using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteNumber("frames", report.Frames);
        json.WriteNumber("parse_errors", report.ParseErrors);
        json.WriteNumber("cycles", report.Cycles);
        json.WriteNumber("cycles_skipped", report.CyclesSkipped);
        json.WriteNumber("proposals", report.Proposals);
        json.WriteNumber("orders_placed", report.OrdersPlaced);
        json.WriteNumber("fills", report.Fills);

        json.WriteStartObject("rejected_by_reason");
        foreach (var (reason, count) in report.RejectedByReason.OrderBy(p => p.Key, StringComparer.Ordinal))
            json.WriteNumber(reason, count);
        json.WriteEndObject();

        json.WriteStartArray("orders");
        foreach (var order in report.Orders)
        {
            json.WriteStartObject();
            json.WriteString("ts", ReportFormat.Time(order.Ts));
            json.WriteString("product_id", order.ProductId);
            json.WriteString("side", order.Side);
            json.WriteString("client_order_id", order.ClientOrderId);
            json.WriteString("type", order.Type);
            json.WriteString("price", ReportFormat.Money(order.Price));
            json.WriteString("size", ReportFormat.Money(order.Size));
            json.WriteString("status", order.Status);
            json.WriteEndObject();
        }
        json.WriteEndArray();

        json.WriteString("fees", ReportFormat.Money(report.Fees));
        json.WriteString("realized_pnl", ReportFormat.Money(report.RealizedPnl));
        json.WriteNumber("max_drawdown_pct", report.MaxDrawdownPct);
        if (report.CycleLatency is { } latency)
        {
            json.WriteStartObject("cycle_latency");
            json.WriteNumber("samples", latency.Samples);
            WriteMillis(json, "p50_ms", latency.P50Ms);
            WriteMillis(json, "p95_ms", latency.P95Ms);
            WriteMillis(json, "p99_ms", latency.P99Ms);
            json.WriteBoolean("slo_met", latency.SloMet);
            json.WriteEndObject();
        }

        json.WriteStartArray("alerts");
        foreach (var alert in report.Alerts)
        {
            json.WriteStartObject();
            json.WriteString("ts", ReportFormat.Time(alert.Ts));
            json.WriteString("kind", alert.Kind);
            json.WriteString("severity", alert.Severity);
            if (alert.ProductId is null) json.WriteNull("product_id");
            else json.WriteString("product_id", alert.ProductId);
            json.WriteString("message", alert.Message);
            json.WriteBoolean("escalated", alert.Escalated);
            json.WriteEndObject();
        }
        json.WriteEndArray();

        json.WriteStartArray("halts");
        foreach (var halt in report.Halts)
        {
            json.WriteStartObject();
            json.WriteString("ts", ReportFormat.Time(halt.Ts));
            json.WriteString("gate", halt.Gate);
            json.WriteString("scope", halt.Scope);
            json.WriteString("reason", halt.Reason);
            if (halt.ClearedTs is { } cleared) json.WriteString("cleared_ts", ReportFormat.Time(cleared));
            else json.WriteNull("cleared_ts");
            json.WriteEndObject();
        }
        json.WriteEndArray();

        json.WriteString("digest", report.Digest);
        json.WriteEndObject();
        json.Flush();
    }

    public static void WriteFile(string path, ReplayReport report)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None);
        Write(file, report);
    }

    private static void WriteMillis(System.Text.Json.Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } v) json.WriteNumber(name, Math.Round(v, 3));
        else json.WriteNull(name);
    }
}
