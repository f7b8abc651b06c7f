using System.Text.Json;
using System.Text.Json.Nodes;

namespace Trader.Host.Gates;

/// <summary>
/// The <c>kill_drill</c> evidence payload written by <c>trader drill kill</c>:
/// <c>{"detect_ms", "alert_ms", "cancel_all_ms", "orders_cancelled", "orders_left", "passed"}</c>.
/// <see cref="MeetsSla"/> re-checks the numbers against REQ-K1 (detection ≤ 3 s, alert ≤ 5 s, every order cancelled
/// ≤ 10 s, none left), so a drill counts only when it says it passed and its numbers agree.
/// </summary>
public sealed record KillDrillResult(double DetectMs, double AlertMs, double CancelAllMs, int OrdersCancelled, int OrdersLeft, bool Passed)
{
    public const string EvidenceKind = "kill_drill";

    public bool MeetsSla => DetectMs <= 3_000 && AlertMs <= 5_000 && CancelAllMs <= 10_000 && OrdersLeft == 0;

    public string Numbers => $"detect {DetectMs:0} ms, alert {AlertMs:0} ms, cancel-all {CancelAllMs:0} ms, {OrdersCancelled} cancelled, {OrdersLeft} left";

    public static KillDrillResult? TryParse(string json)
    {
        try
        {
            if (JsonNode.Parse(json) is not JsonObject o) return null;
            double? Number(string name) => o[name] is JsonValue v && v.TryGetValue<double>(out var d) ? d : null;
            var detect = Number("detect_ms");
            var alert = Number("alert_ms");
            var cancel = Number("cancel_all_ms");
            var cancelled = Number("orders_cancelled");
            var left = Number("orders_left");
            var passed = o["passed"] is JsonValue p && p.TryGetValue<bool>(out var b) ? b : (bool?)null;
            if (detect is null || alert is null || cancel is null || cancelled is null || left is null || passed is null) return null;
            return new KillDrillResult(detect.Value, alert.Value, cancel.Value, (int)cancelled.Value, (int)left.Value, passed.Value);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
