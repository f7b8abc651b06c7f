namespace Trader.Pipeline.Telemetry;

/// <summary>
/// Exact figures over the rolling window ending at the snapshot instant: cycle and REST latency quantiles
/// (seconds, nearest rank; null without samples) and the share of cycles run with degraded safety.
/// </summary>
public sealed record WindowFigures(
    TimeSpan Length,
    int CycleSamples,
    double? CycleP50,
    double? CycleP95,
    double? CycleP99,
    int RestSamples,
    double? RestP50,
    double? RestP95,
    double? RestP99,
    int DegradedCycles,
    double? DegradedShare);
