using System.Net;
using System.Net.Sockets;

namespace Trader.Coinbase.Tests.Rest;

/// <summary>A loopback port nobody listens on (bound once to learn a free number, then released).</summary>
public static class FreePort
{
    public static Uri RefusingBaseUri()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new Uri($"http://127.0.0.1:{port}");
    }
}
