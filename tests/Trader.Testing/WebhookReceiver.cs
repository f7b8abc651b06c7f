using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Trader.Testing;

/// <summary>
/// A real HTTP listener on 127.0.0.1 that records every POST body. While <see cref="Down"/> is true it answers 503,
/// so tests can take a webhook down and bring it back.
/// </summary>
public sealed class WebhookReceiver : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly List<string> _bodies = [];
    private readonly Task _loop;
    private int _refused;

    public WebhookReceiver()
    {
        var port = FreePort();
        Url = new Uri($"http://127.0.0.1:{port}/hook/");
        _listener.Prefixes.Add(Url.ToString());
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public Uri Url { get; }

    public volatile bool Down;

    public int Refused => Volatile.Read(ref _refused);

    public IReadOnlyList<string> Bodies
    {
        get { lock (_bodies) return _bodies.ToList(); }
    }

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception) { return; }
            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            if (Down)
            {
                Interlocked.Increment(ref _refused);
                context.Response.StatusCode = 503;
            }
            else
            {
                lock (_bodies) _bodies.Add(body);
                context.Response.StatusCode = 200;
            }
            context.Response.Close();
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        try { _loop.Wait(TimeSpan.FromSeconds(2)); }
        catch (AggregateException) { }
    }
}
