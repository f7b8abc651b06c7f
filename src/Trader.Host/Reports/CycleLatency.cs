using Trader.Pipeline.Telemetry;

namespace Trader.Host.Reports;

/// <summary>
/// NFR-P1 in a report: the decision cycles' processing time on the real clock (a replay's virtual clock stands still
/// during a cycle), as exact nearest-rank quantiles, against the SLO (p95 ≤ 1 s, p99 ≤ 2 s). Machine-dependent, so it is
/// never part of the digest.
/// </summary>
public sealed record CycleLatency(int Samples, double? P50Ms, double? P95Ms, double? P99Ms)
{
    public static readonly TimeSpan P95Target = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan P99Target = TimeSpan.FromSeconds(2);

    public bool SloMet => (P95Ms ?? 0) <= P95Target.TotalMilliseconds && (P99Ms ?? 0) <= P99Target.TotalMilliseconds;

    public static CycleLatency Of(IReadOnlyCollection<double> millis) =>
        new(millis.Count, ExactQuantile.Of(millis, 0.50), ExactQuantile.Of(millis, 0.95), ExactQuantile.Of(millis, 0.99));
}
