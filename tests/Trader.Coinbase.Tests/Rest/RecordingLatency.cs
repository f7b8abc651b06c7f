using System.Collections.Concurrent;
using Trader.Coinbase.Rest;

namespace Trader.Coinbase.Tests.Rest;

public sealed class RecordingLatency : IRestLatencyRecorder
{
    private readonly ConcurrentQueue<RestLatencySample> _samples = new();

    public IReadOnlyList<RestLatencySample> Samples => _samples.ToArray();

    public void Record(RestLatencySample sample) => _samples.Enqueue(sample);
}
