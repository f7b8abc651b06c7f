using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Trader.Coinbase.Tests.Feed;

/// <summary>
/// A WebSocket server on 127.0.0.1 (Kestrel) that a test scripts connection by connection: read what the client
/// sent, play frames, go silent, or drop the socket.
/// </summary>
internal sealed class ScriptedWsServer : IAsyncDisposable
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private readonly WebApplication _app;
    private readonly Channel<ServerConnection> _connections = Channel.CreateUnbounded<ServerConnection>();

    private ScriptedWsServer(WebApplication app) => _app = app;

    public Uri Url { get; private set; } = null!;

    public static async Task<ScriptedWsServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new ScriptedWsServer(app);
        app.UseWebSockets();
        app.Run(async context =>
        {
            if (!context.WebSockets.IsWebSocketRequest)
            {
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                return;
            }
            using var socket = await context.WebSockets.AcceptWebSocketAsync();
            var connection = new ServerConnection(socket);
            server._connections.Writer.TryWrite(connection);
            await connection.ReceiveLoopAsync(context.RequestAborted);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.Url = new Uri(address.Replace("http://", "ws://", StringComparison.Ordinal));
        return server;
    }

    // realtime-ok: waits (bounded) for the client's real socket to connect.
    public async Task<ServerConnection> NextConnectionAsync() => await _connections.Reader.ReadAsync().AsTask().WaitAsync(Patience);

    public int PendingConnections => _connections.Reader.Count;

    public async ValueTask DisposeAsync()
    {
        using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        await _app.StopAsync(stopping.Token);
        await _app.DisposeAsync();
    }

    internal sealed class ServerConnection
    {
        private readonly WebSocket _socket;
        private readonly Channel<string> _received = Channel.CreateUnbounded<string>();
        private readonly CancellationTokenSource _closed = new();

        public ServerConnection(WebSocket socket) => _socket = socket;

        public async Task ReceiveLoopAsync(CancellationToken aborted)
        {
            var buffer = new byte[64 * 1024];
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(aborted, _closed.Token);
            try
            {
                while (_socket.State == WebSocketState.Open)
                {
                    var message = new MemoryStream();
                    WebSocketReceiveResult result;
                    do
                    {
                        result = await _socket.ReceiveAsync(buffer, linked.Token);
                        message.Write(buffer, 0, result.Count);
                    }
                    while (!result.EndOfMessage);
                    if (result.MessageType == WebSocketMessageType.Close) break;
                    _received.Writer.TryWrite(Encoding.UTF8.GetString(message.ToArray()));
                }
            }
            catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
            {
                // The test dropped the connection or the client went away.
            }
            _received.Writer.TryComplete();
        }

        // realtime-ok: waits (bounded) for messages the client sends over a real socket.
        public async Task<List<string>> ReceiveAsync(int count)
        {
            var messages = new List<string>();
            while (messages.Count < count) messages.Add(await _received.Reader.ReadAsync().AsTask().WaitAsync(Patience));
            return messages;
        }

        public Task SendAsync(string frame) =>
            _socket.SendAsync(Encoding.UTF8.GetBytes(frame), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);

        /// <summary>Drops the TCP connection without a close handshake.</summary>
        public void Drop()
        {
            _socket.Abort();
            _closed.Cancel();
        }

        // realtime-ok: waits (bounded) until the client has closed its side.
        public Task Completion => _received.Reader.Completion.WaitAsync(Patience);
    }
}
