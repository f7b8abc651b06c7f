namespace Trader.Pipeline.Telemetry;

/// <summary>
/// Latency quantiles in seconds: exact over the rolling window (<see cref="Samples"/> raw values; null without any)
/// and estimated from the since-start histogram buckets (<see cref="Total"/> values).
/// </summary>
public sealed record LatencySummary(
    int Samples, double? P50, double? P95, double? P99,
    long Total, double? EstimatedP50, double? EstimatedP95, double? EstimatedP99);
