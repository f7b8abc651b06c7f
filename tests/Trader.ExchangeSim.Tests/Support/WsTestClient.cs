using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;

namespace Trader.ExchangeSim.Tests.Support;

/// <summary>A ClientWebSocket that reads whole text frames, each read bounded in real time so a missing frame fails
/// the test instead of hanging it.</summary>
public sealed class WsTestClient : IAsyncDisposable
{
    private readonly ClientWebSocket _socket = new();
    private Task<string?>? _pending;

    public WebSocketState State => _socket.State;
    public WebSocketCloseStatus? CloseStatus => _socket.CloseStatus;

    public static async Task<WsTestClient> ConnectAsync(string url)
    {
        var client = new WsTestClient();
        await client._socket.ConnectAsync(new Uri(url), CancellationToken.None);
        return client;
    }

    public Task SendAsync(JsonObject message) =>
        _socket.SendAsync(Encoding.UTF8.GetBytes(message.ToJsonString()), WebSocketMessageType.Text, true, CancellationToken.None);

    /// <summary>Starts (or continues) reading the next frame without waiting for it.</summary>
    public Task<string?> NextAsync() => _pending ??= ReadAsync();

    /// <summary>The next text frame, or null when the server closed the connection.</summary>
    public async Task<string?> ReceiveAsync(double seconds = 10)
    {
        var next = NextAsync();
        var text = await next.WaitAsync(TimeSpan.FromSeconds(seconds));
        _pending = null;
        return text;
    }

    public async Task<JsonObject> ReceiveJsonAsync(double seconds = 10)
    {
        var text = await ReceiveAsync(seconds) ?? throw new InvalidOperationException("connection closed");
        return JsonNode.Parse(text)!.AsObject();
    }

    /// <summary>Reads frames until one of <paramref name="channel"/> arrives.</summary>
    public async Task<JsonObject> ReceiveChannelAsync(string channel)
    {
        while (true)
        {
            var frame = await ReceiveJsonAsync();
            if (frame["channel"]?.GetValue<string>() == channel) return frame;
        }
    }

    private async Task<string?> ReadAsync()
    {
        var buffer = new byte[1 << 16];
        using var message = new MemoryStream();
        while (true)
        {
            WebSocketReceiveResult result;
            try { result = await _socket.ReceiveAsync(buffer, CancellationToken.None); }
            catch (WebSocketException) { return null; }
            if (result.MessageType == WebSocketMessageType.Close) return null;
            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage) return Encoding.UTF8.GetString(message.ToArray());
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_socket.State == WebSocketState.Open)
        {
            try { await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None); }
            catch (WebSocketException) { }
        }
        _socket.Abort();
        _socket.Dispose();
    }
}
