using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Trader.Pipeline.Telemetry;

namespace Trader.Host.Metrics;

/// <summary>
/// The read-only Prometheus endpoint (REQ-OB1; CONTRACTS.md §1 "Surfaces"): Kestrel on 127.0.0.1 serving
/// <c>GET /metrics</c> (also HEAD) as text format 0.0.4. Any other path is 404, any other method on
/// <c>/metrics</c> is 405 with <c>Allow: GET, HEAD</c>. Port 0 picks a free port; <see cref="Port"/> tells which.
/// </summary>
public sealed class MetricsServer : IAsyncDisposable
{
    public const string Path = "/metrics";

    private readonly WebApplication _app;
    private readonly Func<string> _render;
    private int _disposed;

    private MetricsServer(IPAddress address, int port, Func<string> render)
    {
        _render = render;
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IHostLifetime, MetricsLifetime>();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(address, port);
        });
        _app = builder.Build();
        _app.Run(ServeAsync);
    }

    public int Port { get; private set; }

    public string Url => $"http://127.0.0.1:{Port}{Path}";

    /// <summary>Serves the telemetry and SLO states of the running process on 127.0.0.1:<paramref name="port"/>.</summary>
    public static Task<MetricsServer> StartAsync(Telemetry telemetry, SloEvaluator? slos, int port, CancellationToken cancellationToken = default) =>
        StartAsync(() => TelemetryExposition.Render(telemetry.Snapshot(), slos?.States ?? []), port, cancellationToken);

    public static async Task<MetricsServer> StartAsync(Func<string> render, int port, CancellationToken cancellationToken = default)
    {
        if (port is < 0 or > IPEndPoint.MaxPort)
            throw new ArgumentOutOfRangeException(nameof(port), port, "the metrics port must be within 0–65535");
        var server = new MetricsServer(IPAddress.Loopback, port, render);
        try
        {
            await server._app.StartAsync(cancellationToken);
            var addresses = server._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
            server.Port = new Uri(addresses.First()).Port;
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        try
        {
            await _app.StopAsync();
        }
        finally
        {
            await _app.DisposeAsync();
        }
    }

    private async Task ServeAsync(HttpContext context)
    {
        var request = context.Request;
        var response = context.Response;
        if (!string.Equals(request.Path.Value, Path, StringComparison.Ordinal))
        {
            response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        var isHead = HttpMethods.IsHead(request.Method);
        if (!HttpMethods.IsGet(request.Method) && !isHead)
        {
            response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            response.Headers.Allow = "GET, HEAD";
            return;
        }
        var body = System.Text.Encoding.UTF8.GetBytes(_render());
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = PrometheusText.ContentType;
        response.Headers.CacheControl = "no-store";
        response.ContentLength = body.Length;
        if (!isHead) await response.Body.WriteAsync(body, context.RequestAborted);
    }
}
