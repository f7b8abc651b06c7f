namespace Trader.Pipeline.Safety;

/// <summary>
/// One activation of the kill switch: why, from where (<c>command</c>, <c>kill_file</c>, <c>signal</c>, <c>policy</c>,
/// <c>restart</c>), when it was activated (the SLA clock's start: the command's timestamp or the kill file's time) and
/// when this process detected it.
/// </summary>
public sealed record KillActivation(string Reason, string Source, DateTimeOffset ActivatedAt, DateTimeOffset DetectedAt)
{
    public TimeSpan DetectionLatency => DetectedAt - ActivatedAt;
}
