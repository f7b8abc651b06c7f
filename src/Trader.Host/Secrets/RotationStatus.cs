namespace Trader.Host.Secrets;

/// <summary>
/// Where the API key stands against the rotation policy (REQ-SEC2) today: a one-line report to log at start (the
/// date only, never the key), warnings, and the reasons LIVE must refuse.
/// </summary>
public sealed record RotationStatus(DateOnly? RotatedOn, int? AgeDays, string Report, IReadOnlyList<string> Warnings, IReadOnlyList<string> LiveBlockers)
{
    public bool IsStale => LiveBlockers.Count > 0;
}
