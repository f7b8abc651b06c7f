using System.Net;

namespace Trader.Coinbase.Rest;

/// <summary>
/// The one <see cref="HttpClient"/> shape the REST client wants: a pooled <see cref="SocketsHttpHandler"/>
/// (connections reused, recycled every few minutes so DNS changes are seen) and no HttpClient timeout of its
/// own, because each attempt carries a timeout on the injected clock instead.
/// </summary>
public static class CoinbaseHttp
{
    public static HttpClient CreateHttpClient()
    {
        var handler = new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
            MaxConnectionsPerServer = 16,
            AutomaticDecompression = DecompressionMethods.All,
            AllowAutoRedirect = false,
            UseCookies = false,
        };
        return new HttpClient(handler, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
    }
}
