using System.Security.Cryptography;
using System.Text.Json;
using Trader.Host.Reports;

namespace Trader.Host.Backtest;

/// <summary>
/// Writes the backtest report of CONTRACTS.md §6 with <see cref="Utf8JsonWriter"/>: the replay report's keys, then
/// the backtest's (<c>trades</c>, <c>pnl</c>, <c>exposure_by_theme</c>, <c>candles</c>, <c>candles_per_second</c>,
/// <c>seed</c>, <c>config_hash</c>, <c>data_hash</c>), then <c>digest</c>: the SHA-256 of the same report written
/// without <c>candles_per_second</c> and <c>digest</c>, so two runs of the same data, config and seed have the same
/// digest and byte-identical reports except the measured speed. Money is a decimal string rounded to 8 places.
/// </summary>
public static class BacktestReportWriter
{
    public static void WriteFile(string path, BacktestResult result, BacktestRunInfo info)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None);
        Write(file, result, info);
    }

    public static void Write(Stream output, BacktestResult result, BacktestRunInfo info) =>
        Write(output, result, info, Digest(result, info));

    /// <summary>The hex SHA-256 of the report without its timing and digest fields.</summary>
    public static string Digest(BacktestResult result, BacktestRunInfo info)
    {
        using var buffer = new MemoryStream();
        Write(buffer, result, info, digest: null);
        return Convert.ToHexStringLower(SHA256.HashData(buffer.ToArray()));
    }

    private static void Write(Stream output, BacktestResult r, BacktestRunInfo info, string? digest)
    {
        using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteNumber("frames", info.Rows);
        json.WriteNumber("parse_errors", info.BadRows);
        json.WriteNumber("cycles", r.Cycles);
        json.WriteNumber("cycles_skipped", 0);
        json.WriteNumber("proposals", r.Proposals);
        json.WriteNumber("orders_placed", r.Orders.Count);
        json.WriteNumber("fills", r.Fills);
        WriteCounts(json, "rejected_by_reason", r.RejectedByReason);

        json.WriteStartArray("orders");
        foreach (var o in r.Orders)
        {
            json.WriteStartObject();
            json.WriteString("ts", ReportFormat.Time(o.Ts));
            json.WriteString("product_id", o.ProductId);
            json.WriteString("side", o.Side);
            json.WriteString("client_order_id", o.ClientOrderId);
            json.WriteString("type", o.Type);
            json.WriteString("price", Money(o.Price));
            json.WriteString("size", Money(o.Size));
            json.WriteString("status", o.Status);
            json.WriteString("filled_size", Money(o.FilledSize));
            json.WriteString("fill_price", Money(o.FillPrice));
            json.WriteString("fee", Money(o.Fee));
            if (o.CancelReason is null) json.WriteNull("cancel_reason");
            else json.WriteString("cancel_reason", o.CancelReason);
            json.WriteEndObject();
        }
        json.WriteEndArray();

        json.WriteString("fees", Money(r.Fees));
        json.WriteString("realized_pnl", Money(r.RealizedPnl));
        json.WriteNumber("max_drawdown_pct", Pct(r.MaxDrawdownPct));
        json.WriteStartArray("alerts");
        json.WriteEndArray();
        json.WriteStartArray("halts");
        foreach (var h in r.Halts)
        {
            json.WriteStartObject();
            json.WriteString("ts", ReportFormat.Time(h.Ts));
            json.WriteString("gate", h.Gate);
            json.WriteString("scope", "account");
            json.WriteString("reason", h.Gate);
            if (h.ClearedTs is { } cleared) json.WriteString("cleared_ts", ReportFormat.Time(cleared));
            else json.WriteNull("cleared_ts");
            json.WriteEndObject();
        }
        json.WriteEndArray();

        json.WriteStartArray("products");
        foreach (var product in r.Products) json.WriteStringValue(product);
        json.WriteEndArray();
        json.WriteString("start_ts", ReportFormat.Time(r.Start));
        json.WriteString("end_ts", ReportFormat.Time(r.End));

        json.WriteStartArray("trades");
        foreach (var t in r.Trades)
        {
            json.WriteStartObject();
            json.WriteString("product_id", t.ProductId);
            json.WriteString("entry_ts", ReportFormat.Time(t.EntryTs));
            if (t.ExitTs is { } exit) json.WriteString("exit_ts", ReportFormat.Time(exit));
            else json.WriteNull("exit_ts");
            json.WriteString("side", t.Side);
            json.WriteString("size", Money(t.Size));
            json.WriteString("entry_price", Money(t.EntryPrice));
            json.WriteString("exit_price", Money(t.ExitPrice));
            json.WriteString("fees", Money(t.Fees));
            json.WriteString("pnl", Money(t.Pnl));
            json.WriteString("entry_reason", t.EntryReason);
            json.WriteString("exit_reason", t.ExitReason);
            json.WriteEndObject();
        }
        json.WriteEndArray();

        json.WriteStartObject("pnl");
        json.WriteString("gross", Money(r.GrossPnl));
        json.WriteString("fees", Money(r.Fees));
        json.WriteString("net", Money(r.NetPnl));
        json.WriteEndObject();
        json.WriteString("initial_capital", Money(r.InitialCapital));
        json.WriteString("final_equity", Money(r.FinalEquity));

        json.WriteStartObject("exposure_by_theme");
        foreach (var (theme, exposure) in r.ExposureByTheme.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            json.WriteStartObject(theme);
            json.WriteNumber("max_pct", exposure.MaxPct);
            json.WriteNumber("final_pct", exposure.FinalPct);
            json.WriteEndObject();
        }
        json.WriteEndObject();
        WriteCounts(json, "unfilled_by_reason", r.UnfilledByReason);

        json.WriteNumber("candles", r.Candles);
        if (digest is not null) json.WriteNumber("candles_per_second", Math.Round(info.CandlesPerSecond, 0));
        json.WriteNumber("seed", info.Seed);
        json.WriteString("config_hash", info.ConfigHash);
        json.WriteString("data_hash", info.DataHash);
        if (digest is not null) json.WriteString("digest", digest);
        json.WriteEndObject();
        json.Flush();
    }

    private static void WriteCounts(Utf8JsonWriter json, string name, IReadOnlyDictionary<string, long> counts)
    {
        json.WriteStartObject(name);
        foreach (var (key, count) in counts.OrderBy(p => p.Key, StringComparer.Ordinal)) json.WriteNumber(key, count);
        json.WriteEndObject();
    }

    /// <summary>Money and sizes as decimal strings, rounded half-even to 8 places.</summary>
    public static string Money(decimal value) => ReportFormat.Money(Math.Round(value, 8, MidpointRounding.ToEven));

    /// <summary>A percentage as a JSON number with at most 6 decimals.</summary>
    public static double Pct(decimal value) => (double)Math.Round(value, 6, MidpointRounding.ToEven);
}
