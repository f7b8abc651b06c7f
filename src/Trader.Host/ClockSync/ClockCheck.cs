using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Trader.Host.Reports;

namespace Trader.Host.ClockSync;

/// <summary>
/// One clock-sync check (REQ-TIME1): every server's reading, the offset judged (the median of the answers, so one
/// wrong server among three cannot decide), the limit, and the verdict. In sync means at least one server answered
/// and |offset| &lt; <c>clock.max_drift_ms</c>.
/// </summary>
public sealed record ClockCheck(DateTimeOffset Ts, IReadOnlyList<ServerReading> Readings, TimeSpan? Offset, TimeSpan MaxDrift)
{
    public const string EvidenceKind = "clock_check";

    public bool InSync => Offset is { } offset && offset.Duration() < MaxDrift;

    /// <summary>Why the clock is not in sync (null when it is), in words an operator can act on.</summary>
    public string? Problem => Offset switch
    {
        null => "no NTP server answered (" + string.Join("; ", Readings.Select(r => $"{r.Server}: {r.Error}")) + ")",
        { } offset when offset.Duration() >= MaxDrift =>
            $"the host clock is {Ms(offset.Duration())} ms {(offset > TimeSpan.Zero ? "behind" : "ahead of")} NTP time, at or above clock.max_drift_ms {Ms(MaxDrift)}",
        _ => null,
    };

    public string Summary => Problem ?? $"clock in sync: offset {Ms(Offset!.Value)} ms (< {Ms(MaxDrift)} ms) from {Readings.Count(r => r.Answered)} of {Readings.Count} NTP servers";

    public static ClockCheck Judge(DateTimeOffset ts, IReadOnlyList<ServerReading> readings, TimeSpan maxDrift)
    {
        var offsets = readings.Where(r => r.Answered).Select(r => r.Offset!.Value).Order().ToList();
        TimeSpan? median = offsets.Count switch
        {
            0 => null,
            var n when n % 2 == 1 => offsets[n / 2],
            var n => (offsets[n / 2 - 1] + offsets[n / 2]) / 2,
        };
        return new ClockCheck(ts, readings, median, maxDrift);
    }

    /// <summary>The evidence payload: <c>{ts, in_sync, offset_ms, max_drift_ms, problem, servers: [{server, offset_ms, round_trip_ms, stratum, error}]}</c>.</summary>
    public string ToJson()
    {
        var servers = new JsonArray();
        foreach (var r in Readings)
        {
            servers.Add(new JsonObject
            {
                ["server"] = r.Server,
                ["offset_ms"] = r.Offset is { } o ? MsNumber(o) : null,
                ["round_trip_ms"] = r.RoundTrip is { } d ? MsNumber(d) : null,
                ["stratum"] = r.Stratum,
                ["error"] = r.Error,
            });
        }
        return new JsonObject
        {
            ["ts"] = ReportFormat.Time(Ts),
            ["in_sync"] = InSync,
            ["offset_ms"] = Offset is { } offset ? MsNumber(offset) : null,
            ["max_drift_ms"] = MsNumber(MaxDrift),
            ["problem"] = Problem,
            ["servers"] = servers,
        }.ToJsonString(new JsonSerializerOptions { WriteIndented = false });
    }

    private static double MsNumber(TimeSpan t) => Math.Round(t.TotalMilliseconds, 3);

    private static string Ms(TimeSpan t) => MsNumber(t).ToString("0.###", CultureInfo.InvariantCulture);
}
