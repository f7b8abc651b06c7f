using Trader.Coinbase.Auth;
using Trader.Coinbase.Rest;
using Trader.Coinbase.Retry;
using Trader.Pipeline.Clock;

namespace Trader.Coinbase.Tests.Rest;

/// <summary>A REST client on a virtual clock pointed at a test server, with a seeded retry policy.</summary>
public sealed class TestClient : IDisposable
{
    public TestClient(VirtualClock clock, Uri baseUri, int seed = 42, TimeSpan? timeout = null)
    {
        Clock = clock;
        Jwt = new CoinbaseJwtFactory(TestKeys.Es256().Credentials, clock.TimeProvider);
        Http = CoinbaseHttp.CreateHttpClient();
        Retry = new RestRetryPolicy(clock.TimeProvider, new FullJitterBackoff(new Random(seed)), RetryLog.Enqueue);
        Client = new CoinbaseRestClient(Http, Jwt, clock.TimeProvider,
            new CoinbaseRestOptions { BaseUri = baseUri, RequestTimeout = timeout ?? TimeSpan.FromSeconds(30) }, Retry, Latency);
    }

    public VirtualClock Clock { get; }

    public CoinbaseJwtFactory Jwt { get; }

    public HttpClient Http { get; }

    public RestRetryPolicy Retry { get; }

    public CoinbaseRestClient Client { get; }

    public RecordingLatency Latency { get; } = new();

    public System.Collections.Concurrent.ConcurrentQueue<RetryScheduled> RetryLog { get; } = new();

    public void Dispose()
    {
        Http.Dispose();
        Jwt.Dispose();
    }
}
