namespace Trader.Pipeline.Telemetry;

/// <summary>Every telemetry figure at <see cref="Ts"/>: what <c>/metrics</c> exposes.</summary>
public sealed record TelemetrySnapshot(
    DateTimeOffset Ts,
    HistogramSnapshot CycleLatency,
    IReadOnlyList<RestSeries> Rest,
    IReadOnlyList<FeedLagSeries> FeedLag,
    long Cycles,
    long CyclesSkipped,
    long DegradedCycles,
    long Frames,
    long ParseErrors,
    long Orders,
    long Fills,
    IReadOnlyDictionary<string, long> AlertsByKind,
    WindowFigures Window);
