namespace Trader.Coinbase.Rest;

/// <summary>Discards latency samples (the default when nobody listens).</summary>
public sealed class NoLatencyRecorder : IRestLatencyRecorder
{
    public static readonly NoLatencyRecorder Instance = new();

    public void Record(RestLatencySample sample) { }
}
