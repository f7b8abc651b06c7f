namespace Trader.Pipeline.Telemetry;

/// <summary>Default bucket bounds (seconds), dense around the SLO targets so estimates near them are tight.</summary>
public static class HistogramBuckets
{
    /// <summary>Decision cycle: SLO targets 1 s (p95) and 2 s (p99).</summary>
    public static readonly IReadOnlyList<double> CycleSeconds =
        [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 0.75, 1, 1.5, 2, 3, 5, 10, 30];

    /// <summary>REST calls: SLO target 300 ms (p95).</summary>
    public static readonly IReadOnlyList<double> RestSeconds =
        [0.01, 0.025, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.75, 1, 2.5, 5, 10];

    /// <summary>Feed lag (receive − event time); staleness limits are in seconds.</summary>
    public static readonly IReadOnlyList<double> FeedLagSeconds =
        [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60];
}
