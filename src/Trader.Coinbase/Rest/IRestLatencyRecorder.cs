namespace Trader.Coinbase.Rest;

/// <summary>Receives one sample per HTTP attempt (retries included) so telemetry can histogram REST latency.</summary>
public interface IRestLatencyRecorder
{
    void Record(RestLatencySample sample);
}
