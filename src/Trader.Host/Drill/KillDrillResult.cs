using System.Text.Json;
using System.Text.Json.Serialization;

namespace Trader.Host.Drill;

/// <summary>
/// The outcome of `trader drill kill`, printed as one JSON line and recorded as <c>kill_drill</c> evidence for the
/// go-live gates: milliseconds from the kill's activation to detection, to the first alert delivery attempt (the
/// slowest sink) and to the venue confirming that no order is working; orders cancelled and still working at the venue.
/// A measurement that never happened is null (and the drill fails).
/// </summary>
public sealed record KillDrillResult(
    [property: JsonPropertyName("detect_ms")] long? DetectMs,
    [property: JsonPropertyName("alert_ms")] long? AlertMs,
    [property: JsonPropertyName("cancel_all_ms")] long? CancelAllMs,
    [property: JsonPropertyName("orders_cancelled")] int OrdersCancelled,
    [property: JsonPropertyName("orders_left")] int OrdersLeft,
    [property: JsonPropertyName("passed")] bool Passed,
    [property: JsonPropertyName("error"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Error = null)
{
    public const long DetectDeadlineMs = 3_000;
    public const long AlertDeadlineMs = 5_000;
    public const long CancelAllDeadlineMs = 10_000;

    /// <summary>The result with <see cref="Passed"/> decided: every deadline met, nothing left working, no error.</summary>
    public static KillDrillResult Judge(long? detectMs, long? alertMs, long? cancelAllMs, int cancelled, int left, string? error) =>
        new(detectMs, alertMs, cancelAllMs, cancelled, left,
            error is null && left == 0
            && detectMs is >= 0 and <= DetectDeadlineMs
            && alertMs is >= 0 and <= AlertDeadlineMs
            && cancelAllMs is >= 0 and <= CancelAllDeadlineMs,
            error);

    public static KillDrillResult Failed(string error, int left = 0) => Judge(null, null, null, 0, left, error);

    public string ToJson() => JsonSerializer.Serialize(this);
}
