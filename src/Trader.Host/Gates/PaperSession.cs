using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Trader.Host.Reports;

namespace Trader.Host.Gates;

/// <summary>
/// The <c>paper_session</c> evidence payload: one snapshot of a PAPER session so far,
/// <c>{"session_id", "start", "end", "mode": "PAPER", "clock": "real"|"virtual", "feed": "coinbase"|"replay:…", "venue", "breaches": N}</c>.
/// A session is written at its start, every <see cref="PaperSessionRecorder.SnapshotInterval"/> and at its stop;
/// the newest snapshot of a session id is the session. Only PAPER on the real clock against the live Coinbase feed
/// counts toward the rehearsal (<see cref="CountsTowardRehearsal"/>).
/// </summary>
public sealed record PaperSession(string SessionId, DateTimeOffset Start, DateTimeOffset End, string Mode, string Clock, string Feed, string Venue, int Breaches)
{
    public const string EvidenceKind = "paper_session";

    public TimeSpan Duration => End - Start;

    public bool CountsTowardRehearsal => Mode == "PAPER" && Clock == "real" && Feed == "coinbase";

    public string ToJson() => new JsonObject
    {
        ["session_id"] = SessionId,
        ["start"] = ReportFormat.Time(Start),
        ["end"] = ReportFormat.Time(End),
        ["mode"] = Mode,
        ["clock"] = Clock,
        ["feed"] = Feed,
        ["venue"] = Venue,
        ["breaches"] = Breaches,
    }.ToJsonString();

    /// <summary>Reads a payload; null (never an exception) when it is not a well-formed session.</summary>
    public static PaperSession? TryParse(string json)
    {
        try
        {
            var root = JsonNode.Parse(json);
            if (root is not JsonObject o) return null;
            var id = o["session_id"]?.GetValue<string>();
            var start = Time(o["start"]);
            var end = Time(o["end"]);
            var mode = o["mode"]?.GetValue<string>();
            var clock = o["clock"]?.GetValue<string>();
            var feed = o["feed"]?.GetValue<string>();
            var venue = o["venue"]?.GetValue<string>() ?? "";
            var breaches = o["breaches"]?.GetValue<int>();
            if (id is null || start is null || end is null || mode is null || clock is null || feed is null || breaches is null || end < start)
                return null;
            return new PaperSession(id, start.Value, end.Value, mode, clock, feed, venue, breaches.Value);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }

    private static DateTimeOffset? Time(JsonNode? node) =>
        node?.GetValue<string>() is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t : null;
}
