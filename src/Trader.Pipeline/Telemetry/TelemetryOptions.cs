namespace Trader.Pipeline.Telemetry;

/// <summary>How much raw history <see cref="Telemetry"/> keeps for exact quantiles, and the label cardinality cap.</summary>
public sealed record TelemetryOptions
{
    /// <summary>The rolling window SLOs are evaluated over, on the one clock.</summary>
    public TimeSpan Window { get; init; } = TimeSpan.FromHours(1);

    /// <summary>At most this many raw samples per window (cycles, REST calls); the oldest are dropped first.</summary>
    public int WindowCapacity { get; init; } = 65_536;

    /// <summary>Distinct REST (endpoint, status) or feed-lag channel series; further ones are counted as <c>other</c>.</summary>
    public int MaxSeries { get; init; } = 256;
}
