using System.Globalization;
using Trader.Host.Reports;

namespace Trader.Host.Demo;

/// <summary>The table <c>trader demo</c> prints after the run (CONTRACTS.md §3), from the report it wrote.</summary>
public static class DemoSummary
{
    public const int TopRejections = 5;

    /// <param name="userChannel">The simulator's user channel: order updates received and cycles read over REST instead.</param>
    public static void Write(TextWriter output, ReplayReport report, IReadOnlyList<Replay.OpenPosition> positions, string capture, string reportPath,
        TimeSpan virtualSpan, (long Updates, long Fallbacks)? userChannel = null)
    {
        var c = CultureInfo.InvariantCulture;
        var rows = new List<(string Name, string Value)>
        {
            ("capture", $"{capture} ({report.Frames.ToString("N0", c)} frames, {virtualSpan.TotalHours.ToString("0.#", c)} h of market data)"),
            ("mode", "PAPER on the embedded SIMULATOR (not Coinbase), real REST client with a throwaway key, virtual time at max speed"),
            ("cycles", $"{report.Cycles.ToString("N0", c)} ({report.CyclesSkipped} skipped), {report.Proposals.ToString("N0", c)} proposals"),
            ("orders", $"{report.OrdersPlaced} placed{StatusCounts(report)}"),
            ("fills", report.Fills.ToString(c) + (userChannel is { } user
                ? $" (seen on the simulator's user channel: {user.Updates.ToString("N0", c)} order updates, {user.Fallbacks} cycles read over REST instead)"
                : " (no user channel: read over REST every cycle)")),
            ("fees", $"{Usd(report.Fees)} USD"),
            ("realized PnL", $"{Usd(report.RealizedPnl)} USD (net of fees)"),
            ("open positions", Positions(positions)),
            ("max drawdown", $"{report.MaxDrawdownPct.ToString("0.###", c)} %"),
            ("top rejections", TopReasons(report)),
            ("alerts", Alerts(report)),
            ("cycle time", CycleTime(report.CycleLatency)),
            ("digest", report.Digest),
            ("report", reportPath),
        };
        var width = rows.Max(r => r.Name.Length);
        output.WriteLine("trader demo");
        foreach (var (name, value) in rows)
            output.WriteLine($"  {name.PadRight(width)}  {value}");
    }

    private static string Usd(decimal value) => Math.Round(value, 2, MidpointRounding.AwayFromZero).ToString("0.00", CultureInfo.InvariantCulture);

    private static string Positions(IReadOnlyList<Replay.OpenPosition> positions)
    {
        if (positions.Count == 0) return "none";
        return string.Join(", ", positions.OrderBy(p => p.ProductId, StringComparer.Ordinal).Select(p =>
            string.Create(CultureInfo.InvariantCulture, $"{p.ProductId} {p.Size:0.########} @ {Usd(p.AverageCost)}")
            + (p.UnrealizedPnl is { } u ? $" (unrealized {Usd(u)} USD)" : "")));
    }

    private static string StatusCounts(ReplayReport report)
    {
        if (report.Orders.Count == 0) return "";
        var byStatus = report.Orders.GroupBy(o => o.Status).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"{g.Count()} {g.Key}");
        return " (" + string.Join(", ", byStatus) + ")";
    }

    private static string TopReasons(ReplayReport report)
    {
        if (report.RejectedByReason.Count == 0) return "none";
        return string.Join(", ", report.RejectedByReason.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal)
            .Take(TopRejections).Select(p => $"{p.Key} {p.Value.ToString("N0", CultureInfo.InvariantCulture)}"));
    }

    private static string Alerts(ReplayReport report)
    {
        if (report.Alerts.Count == 0) return "none";
        var byKind = report.Alerts.GroupBy(a => a.Kind).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"{g.Key} {g.Count()}");
        return $"{report.Alerts.Count} ({string.Join(", ", byKind)})";
    }

    /// <summary>NFR-P1: real processing time per cycle (the virtual clock stands still during one).</summary>
    private static string CycleTime(CycleLatency? latency) => latency is not { P95Ms: { } p95, P99Ms: { } p99 }
        ? "no cycle ran"
        : string.Create(CultureInfo.InvariantCulture, $"p95 {p95:0.#} ms, p99 {p99:0.#} ms of processing (SLO p95 ≤ 1 s, p99 ≤ 2 s: {(latency.SloMet ? "met" : "MISSED")})");
}
