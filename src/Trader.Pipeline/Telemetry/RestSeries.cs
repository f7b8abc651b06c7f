namespace Trader.Pipeline.Telemetry;

/// <summary>REST latencies for one endpoint and HTTP status (0 when no response arrived).</summary>
public sealed record RestSeries(string Endpoint, int Status, HistogramSnapshot Latency);
