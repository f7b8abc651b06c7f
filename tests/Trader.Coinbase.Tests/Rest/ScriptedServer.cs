using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Trader.Pipeline.Clock;

namespace Trader.Coinbase.Tests.Rest;

/// <summary>
/// A tiny real HTTP server (Kestrel on 127.0.0.1:0) that answers each request as a script says and records
/// what it received, so the REST client and its retries are proven over real sockets, not handler mocks.
/// </summary>
public sealed class ScriptedServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentQueue<DateTimeOffset> _hangStarts = new();
    private int _count;
    private int _hanging;

    private ScriptedServer(WebApplication app) => _app = app;

    public Uri BaseUri { get; private set; } = null!;

    public IReadOnlyList<RecordedRequest> Requests => _requests.OrderBy(r => r.Index).ToList();

    public int Count => Volatile.Read(ref _count);

    /// <summary>Requests the server is holding open right now (<see cref="ScriptedReply.Hang"/>).</summary>
    public int Hanging => Volatile.Read(ref _hanging);

    /// <summary>Arrival times (virtual) of every request the server chose to hold open.</summary>
    public IReadOnlyCollection<DateTimeOffset> HangStarts => _hangStarts.ToArray();

    /// <summary>
    /// Starts a server whose <paramref name="script"/> decides each reply. <paramref name="onRequest"/> runs on
    /// arrival (tests use it to let virtual time pass "inside" the server).
    /// </summary>
    public static async Task<ScriptedServer> StartAsync(VirtualClock clock, Func<RecordedRequest, ScriptedReply> script, Action<RecordedRequest>? onRequest = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new ScriptedServer(app);
        app.Run(async context => await server.HandleAsync(context, clock, script, onRequest));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseUri = new Uri(address);
        return server;
    }

    private async Task HandleAsync(HttpContext context, VirtualClock clock, Func<RecordedRequest, ScriptedReply> script, Action<RecordedRequest>? onRequest)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync();
        var request = new RecordedRequest(Interlocked.Increment(ref _count), context.Request.Method, context.Request.Path.Value ?? "",
            context.Request.QueryString.Value ?? "", body, context.Request.Headers.Authorization.FirstOrDefault(), clock.Now);
        _requests.Enqueue(request);
        onRequest?.Invoke(request);
        var reply = script(request);
        if (reply.Drop)
        {
            context.Abort();
            return;
        }
        if (reply.Hang)
        {
            _hangStarts.Enqueue(request.At);
            Interlocked.Increment(ref _hanging);
            try
            {
                var released = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                using (context.RequestAborted.Register(() => released.TrySetResult()))
                using (_stopping.Token.Register(() => released.TrySetResult()))
                    await released.Task;
            }
            finally
            {
                Interlocked.Decrement(ref _hanging);
            }
            return;
        }
        context.Response.StatusCode = reply.Status;
        if (reply.Body.Length > 0)
        {
            context.Response.ContentType = reply.ContentType;
            await context.Response.WriteAsync(reply.Body);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _stopping.Dispose();
    }
}
