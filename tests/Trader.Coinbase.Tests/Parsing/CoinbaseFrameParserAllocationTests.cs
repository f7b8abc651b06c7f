using Trader.Coinbase.Parsing;

namespace Trader.Coinbase.Tests.Parsing;

/// <summary>The hot path allocates the events and nothing per frame beyond them (DESIGN.md §6).</summary>
public sealed class CoinbaseFrameParserAllocationTests
{
    private static readonly DateTimeOffset Recv = new(2026, 9, 30, 3, 0, 0, TimeSpan.Zero);

    private static long BytesPerFrame(string sample)
    {
        var parser = new CoinbaseFrameParser();
        var frame = Samples.Compact(sample);
        for (var i = 0; i < 100; i++) Assert.True(parser.Parse(frame, Recv).IsOk);

        const int n = 2_000;
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < n; i++) parser.Parse(frame, Recv);
        return (GC.GetAllocatedBytesForCurrentThread() - before) / n;
    }

    [Fact]
    public void A_ticker_frame_allocates_only_its_event()
    {
        // TickerEvent: object header + product reference + 6 decimals + 2 DateTimeOffsets ≈ 150 bytes; no strings.
        Assert.InRange(BytesPerFrame("ws-ticker.json"), 1, 200);
    }

    [Fact]
    public void A_heartbeat_frame_allocates_only_its_event()
    {
        Assert.InRange(BytesPerFrame("ws-recorded-heartbeats.json"), 1, 100);
    }

    [Fact]
    public void A_trade_frame_allocates_its_event_and_the_trade_id_only()
    {
        // TradeEvent plus the trade id string ("1100253573": ~42 bytes); the product id is interned.
        Assert.InRange(BytesPerFrame("ws-recorded-market-trades-update-2.json"), 1, 220);
    }
}
