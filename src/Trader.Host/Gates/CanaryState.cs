using System.Text.Json.Nodes;
using Trader.Host.Reports;
using Trader.State.Evidence;

namespace Trader.Host.Gates;

/// <summary>
/// Where LIVE stands in its canary period (spec §6.5): <see cref="CanaryPolicy.Duration"/> from the first LIVE start,
/// which is recorded once as <c>live_start</c> evidence and never moved by later starts.
/// </summary>
public sealed record CanaryState(DateTimeOffset FirstLiveStart, DateTimeOffset Now)
{
    public const string EvidenceKind = "live_start";

    public DateTimeOffset EndsAt => FirstLiveStart + CanaryPolicy.Duration;

    public bool Active => Now < EndsAt;

    /// <summary>
    /// The canary state of a LIVE start at <paramref name="now"/>: records <c>live_start</c> the first time, reads it
    /// after. Hook for the LIVE start of <c>trader run</c>: <c>var canary = CanaryState.AtLiveStart(store.Evidence, clock.Now);</c>
    /// </summary>
    public static CanaryState AtLiveStart(EvidenceStore evidence, DateTimeOffset now)
    {
        if (evidence.OfKind(EvidenceKind).FirstOrDefault() is { } first) return new CanaryState(first.Ts, now);
        evidence.Record(EvidenceKind, now, new JsonObject { ["ts"] = ReportFormat.Time(now) }.ToJsonString());
        return new CanaryState(now, now);
    }
}
