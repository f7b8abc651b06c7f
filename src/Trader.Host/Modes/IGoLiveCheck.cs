namespace Trader.Host.Modes;

/// <summary>
/// One condition LIVE trading needs (REQ-M1 and, later, the evidence-based go-live gates of spec §6: CI green,
/// paper rehearsal, kill-switch drill, telemetry, canary). A check that needs evidence takes its source in its
/// constructor; all of them report through the same list.
/// </summary>
public interface IGoLiveCheck
{
    /// <summary>Stable snake_case name, shown in refusals and in <c>trader gates</c>.</summary>
    string Name { get; }

    /// <summary>Null when met; otherwise why not.</summary>
    string? Unmet(LiveRequest request);
}
