using System.Text.Json;
using System.Text.Json.Nodes;
using Trader.Host.Modes;
using Trader.Host.Reports;

namespace Trader.Host.Gates;

/// <summary>What <c>trader gates</c> prints: every gate with its verdict, as text (one line per gate) or JSON.</summary>
public sealed record GateReport(DateTimeOffset Ts, IReadOnlyList<GateLine> Gates)
{
    public bool AllMet => Gates.All(g => g.Met);

    public static GateReport Evaluate(DateTimeOffset ts, IEnumerable<GateLine> first, IEnumerable<GoLiveGate> gates, LiveRequest? request, string unevaluated)
    {
        var lines = first.ToList();
        foreach (var gate in gates)
        {
            if (request is null)
            {
                lines.Add(new GateLine(gate.Name, false, unevaluated, "fix config/ first (`trader validate-config`)"));
                continue;
            }
            var verdict = gate.Evaluate(request);
            lines.Add(new GateLine(gate.Name, verdict.Met, verdict.Detail, verdict.Remedy));
        }
        return new GateReport(ts, lines);
    }

    public string ToJson() => new JsonObject
    {
        ["ts"] = ReportFormat.Time(Ts),
        ["all_met"] = AllMet,
        ["gates"] = new JsonArray(Gates.Select(g => (JsonNode)new JsonObject
        {
            ["name"] = g.Name,
            ["met"] = g.Met,
            ["detail"] = g.Detail,
            ["remedy"] = g.Remedy,
        }).ToArray()),
    }.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    public void WriteText(TextWriter o)
    {
        var width = Gates.Max(g => g.Name.Length);
        o.WriteLine($"go-live gates at {ReportFormat.Time(Ts)}");
        foreach (var g in Gates)
        {
            o.Write($"  {(g.Met ? "met  " : "UNMET")}  {g.Name.PadRight(width)}  {g.Detail}");
            o.WriteLine(g.Remedy is null ? "" : $" -> {g.Remedy}");
        }
        var met = Gates.Count(g => g.Met);
        o.WriteLine(AllMet
            ? $"all {Gates.Count} gates met: LIVE against Coinbase may start (it still needs --mode live, app.mode: LIVE, read_only: false, live_trading_enabled: true)"
            : $"{met} of {Gates.Count} gates met: `trader run --mode live` against Coinbase refuses until every gate is met");
    }
}
