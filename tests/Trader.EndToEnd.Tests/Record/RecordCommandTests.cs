using Trader.Coinbase.Capture;
using Trader.Coinbase.Parsing;
using Trader.Domain.Market;
using Trader.ExchangeSim;
using Trader.ExchangeSim.Market;
using Trader.Testing;

namespace Trader.EndToEnd.Tests.Record;

/// <summary>`trader record` against the simulator's market WebSocket over a real socket, then the capture read back.</summary>
public sealed class RecordCommandTests : IAsyncLifetime
{
    private readonly TempDir _dir = new("trader-record-");
    private ExchangeSimulator? _sim;

#pragma warning disable RS0030 // tests/ is outside the ban; an end-to-end run is on the real clock
    public async Task InitializeAsync() => _sim = await ExchangeSimulator.StartAsync(new SimulatorOptions(TimeProvider.System) { Market = MarketSource.RandomWalk(7) });
#pragma warning restore RS0030

    [Fact]
    public void Record_writes_every_frame_with_its_receive_stamp_in_the_capture_format()
    {
        var config = ConfigFixture.CopyShipped(_dir.Path, ("app.yaml", "wss://advanced-trade-ws.coinbase.com", _sim!.MarketWebSocketUrl));
        var capture = _dir.File("btc.capture.gz");
        using var record = TraderProcess.Start(["record", "--products", "BTC-USD", "--out", capture, "--duration", "3s", "--config", config]);
        Assert.True(record.WaitForExit(TimeSpan.FromSeconds(60)), record.Output);
        Assert.Equal(0, record.ExitCode);
        Assert.Contains("wrote ", record.Output);

        var parser = new CoinbaseFrameParser();
        var channels = new HashSet<string>();
        var events = new List<MarketEvent>();
        using var reader = CaptureReader.Open(capture);
        var frames = 0;
        long lastMs = 0;
        while (reader.TryReadNext(out var frame))
        {
            frames++;
            Assert.True(frame.RecvUnixMs >= lastMs, "receive stamps never go back");
            lastMs = frame.RecvUnixMs;
            var result = parser.Parse(frame.Frame.Span, DateTimeOffset.FromUnixTimeMilliseconds(frame.RecvUnixMs), new ListSink(events));
            Assert.False(result.IsRejected, result.Reason);
            channels.Add(result.Channel ?? "");
        }
        Assert.Equal(0, reader.BadLines);
        Assert.True(frames > 3, $"only {frames} frames in 3 s");
        Assert.Contains("heartbeats", channels);
        Assert.Contains("subscriptions", channels);
        Assert.Contains(events, e => e is TickerEvent { ProductId: "BTC-USD" } or BookEvent { ProductId: "BTC-USD" });
    }

    [Theory]
    [InlineData("90s", 90)]
    [InlineData("10m", 600)]
    [InlineData("2h", 7200)]
    public void Durations_parse(string text, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), Trader.Host.Commands.RecordCommand.ParseDuration(text));

    private sealed class ListSink(List<MarketEvent> events) : IMarketEventSink
    {
        public void OnEvent(MarketEvent marketEvent) => events.Add(marketEvent);
    }

    public async Task DisposeAsync()
    {
        if (_sim is not null) await _sim.DisposeAsync();
        _dir.Dispose();
    }
}
