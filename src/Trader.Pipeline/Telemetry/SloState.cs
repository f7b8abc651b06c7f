namespace Trader.Pipeline.Telemetry;

/// <summary>
/// One SLO as last evaluated: its <see cref="Target"/> and <see cref="Measured"/> value (seconds for latencies,
/// a 0–1 share for degraded cycles; null before enough samples), and whether it is <see cref="Violated"/> (an
/// alert is open). <see cref="EvaluatedAt"/> is null until the first evaluation.
/// </summary>
public sealed record SloState(string Name, double Target, double? Measured, int Samples, bool Violated, DateTimeOffset? EvaluatedAt);
