namespace Trader.Pipeline.Telemetry;

/// <summary>
/// The service-level objectives (REQ-OB1, NFR-P1) and how they are evaluated: every
/// <see cref="EvaluationInterval"/> on the clock, over the telemetry's rolling window, once it holds at least
/// <see cref="MinSamples"/> samples of the figure concerned. A figure above its target is a violation; equal meets it.
/// </summary>
public sealed record SloSettings
{
    public TimeSpan CycleP95 { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan CycleP99 { get; init; } = TimeSpan.FromSeconds(2);

    public TimeSpan RestP95 { get; init; } = TimeSpan.FromMilliseconds(300);

    /// <summary>Largest acceptable share of cycles run with degraded safety (0.005 = 0.5 %).</summary>
    public double MaxDegradedShare { get; init; } = 0.005;

    public TimeSpan EvaluationInterval { get; init; } = TimeSpan.FromMinutes(1);

    public int MinSamples { get; init; } = 20;
}
