using System.Text;
using BenchmarkDotNet.Attributes;
using Trader.Coinbase.Parsing;
using Trader.Domain.Market;

namespace Trader.Bench.Parsing;

/// <summary>
/// The parser on real frame shapes, with allocations measured per call ([MemoryDiagnoser]): the hot path should
/// allocate only the events it emits. Run with `dotnet run -c Release --project tools/Trader.Bench -- parser`.
/// </summary>
[MemoryDiagnoser]
public class ParserBenchmarks
{
    private static readonly DateTimeOffset Recv = new(2026, 9, 30, 2, 39, 53, TimeSpan.Zero);
    private readonly CoinbaseFrameParser _parser = new();
    private readonly CountingSink _sink = new();
    private byte[] _ticker = [];
    private byte[] _trades = [];
    private byte[] _heartbeat = [];
    private byte[] _l2Update = [];

    [GlobalSetup]
    public void Setup()
    {
        _ticker = Encoding.UTF8.GetBytes("""{"channel":"ticker","timestamp":"2026-09-30T02:39:53.670986313Z","sequence_num":7,"events":[{"type":"update","tickers":[{"type":"ticker","product_id":"BTC-USD","price":"64001.12","volume_24_h":"12345.6789","low_24_h":"63000.01","high_24_h":"65000.99","low_52_w":"25000.00","high_52_w":"73000.00","price_percent_chg_24_h":"1.23","best_bid":"64001.11","best_bid_quantity":"0.5","best_ask":"64001.13","best_ask_quantity":"0.7"}]}]}""");
        _trades = Encoding.UTF8.GetBytes("""{"channel":"market_trades","timestamp":"2026-09-30T02:39:53.67Z","sequence_num":8,"events":[{"type":"update","trades":[{"trade_id":"1100253573","product_id":"BTC-USD","price":"64001.12","size":"0.00123","side":"SELL","time":"2026-09-30T02:39:53.6Z"}]}]}""");
        _heartbeat = Encoding.UTF8.GetBytes("""{"channel":"heartbeats","timestamp":"2026-09-30T02:39:53.67Z","sequence_num":9,"events":[{"current_time":"2026-09-30 02:39:53.670986313 +0000 UTC m=+91717.525857105","heartbeat_counter":21697}]}""");
        _l2Update = Encoding.UTF8.GetBytes("""{"channel":"l2_data","timestamp":"2026-09-30T02:39:53.67Z","sequence_num":10,"events":[{"type":"update","product_id":"BTC-USD","updates":[{"side":"bid","event_time":"2026-09-30T02:39:53.6Z","price_level":"64001.11","new_quantity":"0.5"},{"side":"offer","event_time":"2026-09-30T02:39:53.6Z","price_level":"64001.13","new_quantity":"0"}]}]}""");
    }

    [Benchmark]
    public ParseResult Ticker() => _parser.Parse(_ticker, Recv, _sink);

    [Benchmark]
    public ParseResult MarketTrades() => _parser.Parse(_trades, Recv, _sink);

    [Benchmark]
    public ParseResult Heartbeat() => _parser.Parse(_heartbeat, Recv, _sink);

    [Benchmark]
    public ParseResult Level2Update() => _parser.Parse(_l2Update, Recv, _sink);

    private sealed class CountingSink : IMarketEventSink
    {
        public long Events;

        public void OnEvent(MarketEvent marketEvent) => Events++;
    }
}
