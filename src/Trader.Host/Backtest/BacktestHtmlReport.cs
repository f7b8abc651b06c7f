using System.Globalization;
using System.Net;
using System.Text;
using Trader.Host.Reports;

namespace Trader.Host.Backtest;

/// <summary>
/// The HTML report: one self-contained file (inline CSS and hand-written inline SVG; no script, no external URL,
/// opens offline) with the headline numbers, the equity curve, the drawdown, exposure by theme over time, each
/// product's price with trade entries (▲) and exits (▼), rejections by reason and the trades. Written as
/// well-formed XHTML so a test can parse it. Long series are reduced to a min/max envelope per pixel column.
/// </summary>
public static class BacktestHtmlReport
{
    private const int Width = 1000;
    private const int Height = 240;
    private const int Left = 70;
    private const int Right = 10;
    private const int Top = 10;
    private const int Bottom = 24;
    private const int MaxProducts = 12;
    private const int MaxTradeRows = 500;
    private static readonly string[] Palette = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f"];
    private static readonly CultureInfo Ci = CultureInfo.InvariantCulture;

    public static void WriteFile(string path, BacktestResult result, BacktestData data, BacktestRunInfo info)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
        File.WriteAllText(path, Render(result, data, info), new UTF8Encoding(false));
    }

    public static string Render(BacktestResult r, BacktestData data, BacktestRunInfo info)
    {
        var html = new StringBuilder(256 * 1024);
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"/><title>Backtest ")
            .Append(E(string.Join(", ", r.Products))).Append("</title><style>")
            .Append("body{font-family:system-ui,sans-serif;margin:24px;color:#222;max-width:1040px}")
            .Append("h1{font-size:22px}h2{font-size:17px;margin-top:28px}table{border-collapse:collapse;font-size:13px}")
            .Append("td,th{border-bottom:1px solid #ddd;padding:3px 10px;text-align:right;white-space:nowrap}th{background:#f4f4f4}")
            .Append("td:first-child,th:first-child{text-align:left}.neg{color:#c62828}.pos{color:#2e7d32}")
            .Append("svg{background:#fff;border:1px solid #e0e0e0}.legend span{margin-right:14px;font-size:13px}")
            .Append("</style></head><body>\n");
        html.Append("<h1>Backtest: ").Append(E(string.Join(", ", r.Products))).Append("</h1>\n<p>")
            .Append(E($"{Minute(r.Start)} → {Minute(r.End)} UTC · {r.Candles:N0} candles · {r.Cycles:N0} cycles · seed {info.Seed}"))
            .Append("</p>\n");

        html.Append("<table><tr><th>metric</th><th>value</th></tr>");
        Row(html, "net PnL (USD)", Usd(r.NetPnl), r.NetPnl);
        Row(html, "gross PnL (USD)", Usd(r.GrossPnl), r.GrossPnl);
        Row(html, "fees (USD)", Usd(r.Fees), null);
        Row(html, "return", Pc(r.InitialCapital > 0m ? r.NetPnl / r.InitialCapital * 100m : 0m), r.NetPnl);
        Row(html, "max drawdown", Pc(r.MaxDrawdownPct), null);
        Row(html, "trades", r.Trades.Count.ToString(Ci), null);
        Row(html, "winning trades", r.Trades.Count(t => t.Pnl > 0m).ToString(Ci), null);
        Row(html, "orders / fills", $"{r.Orders.Count} / {r.Fills}", null);
        Row(html, "initial → final equity (USD)", $"{Usd(r.InitialCapital)} → {Usd(r.FinalEquity)}", null);
        Row(html, "config hash", info.ConfigHash[..Math.Min(16, info.ConfigHash.Length)], null);
        Row(html, "data hash", info.DataHash[..Math.Min(16, info.DataHash.Length)], null);
        html.Append("</table>\n");

        var times = r.Equity.Select(p => p.Ts).ToArray();
        html.Append("<h2>Equity (USD)</h2>\n");
        Chart(html, times, [("equity", Palette[0], r.Equity.Select(p => (double)p.Nav).ToArray())], area: false, markers: null);
        html.Append("<h2>Drawdown from the high-water mark (%)</h2>\n");
        Chart(html, times, [("drawdown", "#c62828", r.Equity.Select(p => -(double)p.DrawdownPct).ToArray())], area: true, markers: null);

        html.Append("<h2>Exposure by theme (% of NAV)</h2>\n");
        var themeLines = r.ThemeExposureSeries.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select((p, i) => (p.Key, Palette[i % Palette.Length], p.Value.Select(v => (double)v).ToArray())).ToArray();
        Chart(html, times, themeLines, area: false, markers: null);
        html.Append("<table><tr><th>theme</th><th>max %</th><th>final %</th></tr>");
        foreach (var (theme, exposure) in r.ExposureByTheme)
            html.Append(Ci, $"<tr><td>{E(theme)}</td><td>{exposure.MaxPct:0.###}</td><td>{exposure.FinalPct:0.###}</td></tr>");
        html.Append("</table>\n");

        foreach (var series in data.Series.Take(MaxProducts))
        {
            var trades = r.Trades.Where(t => t.ProductId == series.ProductId).ToList();
            html.Append("<h2>").Append(E(series.ProductId)).Append(" price with trades (▲ entry, ▼ exit)</h2>\n");
            // Chart coordinates, not money: prices become doubles only to be placed on the SVG's y axis.
            var markers = new List<(DateTimeOffset Ts, double Y, bool Entry)>();
            foreach (var t in trades)
            {
                markers.Add((t.EntryTs, (double)t.EntryPrice, true));
                if (t.ExitTs is { } exit) markers.Add((exit, (double)t.ExitPrice, false));
            }
            Chart(html, series.Candles.Select(c => c.End).ToArray(),
                [("close", "#455a64", series.Candles.Select(c => (double)c.Close).ToArray())], area: false, markers);
        }
        if (data.Series.Count > MaxProducts)
            html.Append(Ci, $"<p>{data.Series.Count - MaxProducts} more product(s) not charted.</p>\n");

        html.Append("<h2>Rejections by reason</h2>\n<table><tr><th>reason</th><th>count</th></tr>");
        foreach (var (reason, count) in r.RejectedByReason)
            html.Append(Ci, $"<tr><td>{E(reason)}</td><td>{count}</td></tr>");
        html.Append("</table>\n");

        html.Append("<h2>Trades</h2>\n<table><tr><th>product</th><th>entry (UTC)</th><th>exit (UTC)</th><th>size</th><th>entry price</th>")
            .Append("<th>exit price</th><th>fees (USD)</th><th>PnL (USD)</th><th>entry reason</th><th>exit reason</th></tr>");
        foreach (var t in r.Trades.Take(MaxTradeRows))
        {
            html.Append("<tr><td>").Append(E(t.ProductId)).Append("</td><td>").Append(E(Minute(t.EntryTs)))
                .Append("</td><td>").Append(E(t.ExitTs is { } x ? Minute(x) : "open")).Append("</td><td>")
                .Append(M(t.Size)).Append("</td><td>").Append(Price(t.EntryPrice)).Append("</td><td>").Append(Price(t.ExitPrice))
                .Append("</td><td>").Append(Usd(t.Fees)).Append("</td><td class=\"").Append(t.Pnl < 0m ? "neg" : "pos").Append("\">")
                .Append(Usd(t.Pnl)).Append("</td><td>").Append(E(t.EntryReason)).Append("</td><td>")
                .Append(E(t.ExitReason)).Append("</td></tr>");
        }
        html.Append("</table>\n");
        if (r.Trades.Count > MaxTradeRows)
            html.Append(Ci, $"<p>{r.Trades.Count - MaxTradeRows} more trade(s) in the JSON report.</p>\n");
        html.Append("</body></html>\n");
        return html.ToString();
    }

    private static void Chart(
        StringBuilder html, DateTimeOffset[] times, (string Name, string Color, double[] Values)[] lines, bool area,
        List<(DateTimeOffset Ts, double Y, bool Entry)>? markers)
    {
        if (times.Length == 0 || lines.Length == 0)
        {
            html.Append("<p>no data</p>\n");
            return;
        }
        double min = double.MaxValue, max = double.MinValue;
        foreach (var line in lines)
            foreach (var v in line.Values) { min = Math.Min(min, v); max = Math.Max(max, v); }
        if (markers is not null)
            foreach (var m in markers) { min = Math.Min(min, m.Y); max = Math.Max(max, m.Y); }
        if (area) max = Math.Max(max, 0d);
        if (max - min < 1e-9) { max += 1; min -= 1; }
        var pad = (max - min) * 0.04;
        min -= pad;
        max += pad;
        var t0 = times[0].UtcTicks;
        var span = Math.Max(1L, times[^1].UtcTicks - t0);
        var plotW = Width - Left - Right;
        var plotH = Height - Top - Bottom;
        double X(long ticks) => Left + (double)(ticks - t0) / span * plotW;
        double Y(double v) => Top + (max - v) / (max - min) * plotH;

        html.Append(Ci, $"<svg width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\" role=\"img\">");
        for (var i = 0; i <= 4; i++)
        {
            var v = min + (max - min) * i / 4;
            var y = Y(v);
            html.Append(Ci, $"<line x1=\"{Left}\" y1=\"{y:0.#}\" x2=\"{Width - Right}\" y2=\"{y:0.#}\" stroke=\"#eee\"/>");
            html.Append(Ci, $"<text x=\"{Left - 6}\" y=\"{y + 4:0.#}\" font-size=\"11\" text-anchor=\"end\">{Num(v)}</text>");
        }
        html.Append(Ci, $"<text x=\"{Left}\" y=\"{Height - 6}\" font-size=\"11\">{E(times[0].UtcDateTime.ToString("yyyy-MM-dd HH:mm", Ci))}</text>");
        html.Append(Ci, $"<text x=\"{Width - Right}\" y=\"{Height - 6}\" font-size=\"11\" text-anchor=\"end\">{E(times[^1].UtcDateTime.ToString("yyyy-MM-dd HH:mm", Ci))}</text>");

        foreach (var (_, color, values) in lines)
        {
            var points = Envelope(times, values, plotW, X, Y);
            if (area)
            {
                html.Append(Ci, $"<polygon fill=\"{color}\" fill-opacity=\"0.35\" stroke=\"{color}\" stroke-width=\"1\" points=\"{X(t0):0.#},{Y(0):0.#} {points} {X(times[^1].UtcTicks):0.#},{Y(0):0.#}\"/>");
            }
            else html.Append(Ci, $"<polyline fill=\"none\" stroke=\"{color}\" stroke-width=\"1.2\" points=\"{points}\"/>");
        }
        if (markers is not null)
        {
            foreach (var (ts, price, entry) in markers)
            {
                var x = X(ts.UtcTicks);
                var y = Y(price);
                var shape = entry
                    ? $"{x:0.#},{y - 7:0.#} {x - 5:0.#},{y + 2:0.#} {x + 5:0.#},{y + 2:0.#}"
                    : $"{x:0.#},{y + 7:0.#} {x - 5:0.#},{y - 2:0.#} {x + 5:0.#},{y - 2:0.#}";
                html.Append(Ci, $"<polygon fill=\"{(entry ? "#2e7d32" : "#c62828")}\" points=\"{shape}\"/>");
            }
        }
        html.Append("</svg>\n");
        if (lines.Length > 1)
        {
            html.Append("<div class=\"legend\">");
            foreach (var (name, color, _) in lines)
                html.Append(Ci, $"<span style=\"color:{color}\">■ {E(name)}</span>");
            html.Append("</div>\n");
        }
    }

    /// <summary>Per pixel column the first, min, max and last value in time order, so spikes survive the reduction.</summary>
    private static string Envelope(DateTimeOffset[] times, double[] values, int columns, Func<long, double> x, Func<double, double> y)
    {
        var points = new StringBuilder();
        var n = Math.Min(times.Length, values.Length);
        var i = 0;
        var t0 = times[0].UtcTicks;
        var span = Math.Max(1L, times[n - 1].UtcTicks - t0);
        while (i < n)
        {
            var column = (int)((times[i].UtcTicks - t0) * columns / span);
            int start = i, lo = i, hi = i;
            while (i < n && (int)((times[i].UtcTicks - t0) * columns / span) == column)
            {
                if (values[i] < values[lo]) lo = i;
                if (values[i] > values[hi]) hi = i;
                i++;
            }
            var end = i - 1;
            foreach (var k in new SortedSet<int> { start, lo, hi, end })
                points.Append(Ci, $"{x(times[k].UtcTicks):0.#},{y(values[k]):0.#} ");
        }
        return points.ToString().TrimEnd();
    }

    private static void Row(StringBuilder html, string name, string value, decimal? sign)
    {
        var css = sign is { } s ? (s < 0m ? " class=\"neg\"" : " class=\"pos\"") : "";
        html.Append("<tr><td>").Append(E(name)).Append("</td><td").Append(css).Append('>').Append(E(value)).Append("</td></tr>");
    }

    private static string M(decimal value) => Math.Round(value, 8, MidpointRounding.ToEven).ToString(Ci);

    /// <summary>Dollars to the cent for reading; the JSON report keeps every digit.</summary>
    private static string Usd(decimal value) => Math.Round(value, 2, MidpointRounding.AwayFromZero).ToString("N2", Ci);

    /// <summary>A price with the digits that matter at its size (BTC to the cent, a sub-dollar token to 8 places).</summary>
    private static string Price(decimal value) => Math.Abs(value) switch
    {
        >= 100m => Math.Round(value, 2, MidpointRounding.AwayFromZero).ToString("N2", Ci),
        >= 1m => Math.Round(value, 4, MidpointRounding.AwayFromZero).ToString("#,##0.00##", Ci),
        _ => Math.Round(value, 8, MidpointRounding.AwayFromZero).ToString("0.00######", Ci),
    };

    private static string Minute(DateTimeOffset ts) => ts.UtcDateTime.ToString("yyyy-MM-dd HH:mm", Ci);

    private static string Pc(decimal value) => Math.Round(value, 3).ToString(Ci) + " %";

    private static string Num(double v) => Math.Abs(v) >= 1000 ? v.ToString("N0", Ci) : v.ToString("0.###", Ci);

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
