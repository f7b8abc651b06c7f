using System.Globalization;
using System.Text.Json;
using Trader.Host.Drill;
using Trader.Host.Modes;

namespace Trader.Host.Gates;

/// <summary>
/// The kill-switch drill gate (spec §6.3): the newest <c>kill_drill</c> record (written by <c>trader drill kill</c>,
/// payload <see cref="KillDrillResult"/>) is at most <see cref="MaxAge"/> old, says it passed, and its numbers meet
/// REQ-K1 when judged again here (so a hand-edited <c>"passed": true</c> does not count). A newer failing drill is not
/// hidden by an older passing one.
/// </summary>
public sealed class KillDrillGate(GateEvidence evidence) : GoLiveGate
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromDays(7);
    private const string Remedy = "run `trader drill kill` (it records the drill in the state DB)";

    public override string Name => "kill_drill";

    public override GateVerdict Evaluate(LiveRequest request)
    {
        var latest = evidence.KillDrills.Where(r => r.Ts <= evidence.Now + TimeSpan.FromMinutes(1)).MaxBy(r => (r.Ts, r.Id));
        if (latest is null) return GateVerdict.Fail("no kill-switch drill recorded", Remedy);
        var when = Reports.ReportFormat.Time(latest.Ts);
        var age = evidence.Now - latest.Ts;
        if (Read(latest.PayloadJson) is not { } drill)
            return GateVerdict.Fail($"the kill-switch drill of {when} is unreadable", Remedy);
        if (age > MaxAge)
            return GateVerdict.Fail($"the last kill-switch drill ({when}) is {age.TotalDays.ToString("0.0", CultureInfo.InvariantCulture)} days old, more than {MaxAge.TotalDays:0}", Remedy);
        if (!drill.Passed)
            return GateVerdict.Fail($"the last kill-switch drill ({when}) failed: {Numbers(drill)}", "fix the cause, then " + Remedy);
        var judged = KillDrillResult.Judge(drill.DetectMs, drill.AlertMs, drill.CancelAllMs, drill.OrdersCancelled, drill.OrdersLeft, drill.Error);
        if (!judged.Passed)
            return GateVerdict.Fail($"the last kill-switch drill ({when}) says passed but misses REQ-K1: {Numbers(drill)}", "fix the cause, then " + Remedy);
        return GateVerdict.Pass($"kill-switch drill passed {when}: {Numbers(drill)}");
    }

    private static KillDrillResult? Read(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<KillDrillResult>(json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Numbers(KillDrillResult d) =>
        $"detect {Ms(d.DetectMs)}, alert {Ms(d.AlertMs)}, cancel-all {Ms(d.CancelAllMs)}, {d.OrdersCancelled} cancelled, {d.OrdersLeft} left"
        + (d.Error is null ? "" : $" ({d.Error})");

    private static string Ms(long? ms) => ms is { } v ? v.ToString(CultureInfo.InvariantCulture) + " ms" : "never";
}
