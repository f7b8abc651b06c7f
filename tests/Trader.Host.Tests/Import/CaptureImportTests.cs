using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Trader.Host.Cli;
using Trader.Host.Composition;
using Trader.Host.Import;
using Trader.Pipeline.Clock;
using Trader.Testing;

namespace Trader.Host.Tests.Import;

/// <summary>
/// <c>trader capture import</c>: every format yields valid Advanced Trade frames (parsed back here), bars are
/// synthesized open → extreme nearer the open → other extreme → close, and the output is byte-identical per input.
/// </summary>
public sealed class CaptureImportTests : IDisposable
{
    private static readonly string Lean = Path.Combine(RepoPaths.MarketData, "lean-coinbase", "minute");
    private readonly TempDir _dir = new("capture-import-");

    public void Dispose() => _dir.Dispose();

    private static readonly DateTimeOffset Apr4 = new(2018, 4, 4, 0, 0, 0, TimeSpan.Zero);

    private static void AssertEnvelopes(List<(long Ms, JsonElement Frame)> frames)
    {
        var allowed = new HashSet<string> { "ticker", "market_trades", "l2_data", "heartbeats", "status" };
        long previousMs = long.MinValue;
        for (var i = 0; i < frames.Count; i++)
        {
            var (ms, frame) = frames[i];
            Assert.Equal(["channel", "timestamp", "sequence_num", "events"], frame.EnumerateObject().Select(p => p.Name));
            Assert.Contains(frame.GetProperty("channel").GetString()!, allowed);
            Assert.Equal(i, frame.GetProperty("sequence_num").GetInt64()); // one counter across the capture
            var timestamp = frame.GetProperty("timestamp").GetString()!;
            Assert.EndsWith("Z", timestamp);
            Assert.Equal(ms, DateTimeOffset.Parse(timestamp, CultureInfo.InvariantCulture).ToUnixTimeMilliseconds());
            Assert.Equal(JsonValueKind.Array, frame.GetProperty("events").ValueKind);
            Assert.True(ms >= previousMs, "frames are merged in receive-time order");
            previousMs = ms;
        }
        Assert.Equal("status", frames[0].Frame.GetProperty("channel").GetString());
    }

    [Fact]
    public void Lean_quotes_of_several_products_merge_into_one_timeline_with_the_real_bid_and_ask()
    {
        var output = _dir.File("quotes.txt");
        var result = CaptureImporter.Run(new ImportRequest(CaptureFormat.LeanQuote,
            [Path.Combine(Lean, "ethusd", "20180404_quote.zip"), Path.Combine(Lean, "btcusd", "20180404_quote.zip")],
            output, To: Apr4.AddMinutes(10)));

        var frames = CaptureLines.Read(output);
        AssertEnvelopes(frames);
        Assert.Equal(["BTC-USD", "ETH-USD"], result.Products);
        Assert.Equal(frames.Count, result.Frames);

        var status = frames[0].Frame.GetProperty("events")[0];
        Assert.Equal("snapshot", status.GetProperty("type").GetString());
        Assert.All(status.GetProperty("products").EnumerateArray(), p =>
        {
            Assert.Equal("online", p.GetProperty("status").GetString());
            Assert.Equal("0.01", p.GetProperty("quote_increment").GetString());
            Assert.Equal("0.00000001", p.GetProperty("base_increment").GetString());
        });

        var heartbeats = frames.Where(f => f.Frame.GetProperty("channel").GetString() == "heartbeats").ToList();
        Assert.Equal(Enumerable.Range(0, heartbeats.Count).Select(i => Apr4.ToUnixTimeMilliseconds() + i * 1000L), heartbeats.Select(h => h.Ms));
        Assert.Equal(JsonValueKind.Number, heartbeats[0].Frame.GetProperty("events")[0].GetProperty("heartbeat_counter").ValueKind);
        Assert.StartsWith("2018-04-04 00:00:00 +0000 UTC m=+", heartbeats[0].Frame.GetProperty("events")[0].GetProperty("current_time").GetString());

        // LEAN row 0 of BTC-USD: bid 7424.9 (size 1.88483821), ask 7424.91 (size 33.35399601); flat bar.
        var btc = frames.Tickers("BTC-USD").ToList();
        Assert.Equal(10 * 30, btc.Count); // every 2 s for 10 minutes
        Assert.Equal("snapshot", frames.First(f => f.Frame.GetProperty("channel").GetString() == "ticker").Frame.GetProperty("events")[0].GetProperty("type").GetString());
        Assert.Equal((7424.9m, 7424.91m, 1.88483821m, 33.35399601m),
            (btc[0].Dec("best_bid"), btc[0].Dec("best_ask"), btc[0].Dec("best_bid_quantity"), btc[0].Dec("best_ask_quantity")));
        Assert.All(btc, t => Assert.True(t.Dec("best_bid") < t.Dec("best_ask")));
        Assert.All(btc, t => Assert.Equal(
            ["type", "product_id", "price", "volume_24_h", "low_24_h", "high_24_h", "low_52_w", "high_52_w", "price_percent_chg_24_h",
             "best_bid", "best_bid_quantity", "best_ask", "best_ask_quantity"], t.EnumerateObject().Select(p => p.Name)));

        // Quotes carry no volume: it comes from the trade zip beside them (minute 0: 7.14319709 BTC), 15 trades a minute.
        var minute0 = frames.Trades("BTC-USD").Where(t => t.Ms < Apr4.AddMinutes(1).ToUnixTimeMilliseconds()).ToList();
        Assert.Equal(15, minute0.Count);
        Assert.Equal(7.14319709m, minute0.Sum(t => t.Trade.Dec("size")));
        Assert.All(minute0, t => Assert.Contains(t.Trade.GetProperty("side").GetString(), new[] { "BUY", "SELL" }));
        Assert.Equal(["product_id", "trade_id", "price", "size", "time", "side"], minute0[0].Trade.EnumerateObject().Select(p => p.Name));
    }

    [Theory]
    [InlineData("100,110,95,105,30", new[] { 100.0, 95.0, 110.0, 105.0 })]   // low nearer the open: low first
    [InlineData("100,104,90,92,30", new[] { 100.0, 104.0, 90.0, 92.0 })]     // high nearer: high first
    [InlineData("100,105,95,101,30", new[] { 100.0, 105.0, 95.0, 101.0 })]   // tie: high first
    public void Trade_bars_are_walked_open_then_the_nearer_extreme_then_the_other_then_close(string ohlcv, double[] anchors)
    {
        var zip = LeanFixtures.Write(_dir.Path, "btcusd", "20200101", "trade", "0," + ohlcv, "60000,105,106,104,105,0");
        var output = _dir.File("order.txt");
        CaptureImporter.Run(new ImportRequest(CaptureFormat.LeanTrade, [zip], output));
        var frames = CaptureLines.Read(output);
        AssertEnvelopes(frames);

        var prices = frames.Tickers("BTC-USD").Take(30).Select(t => t.Dec("price")).ToList();
        Assert.Equal(30, prices.Count);
        var expected = anchors.Select(a => (decimal)a).ToArray();
        Assert.Equal(expected, new[] { prices[0], prices[10], prices[20], prices[28] }); // at 0 s, 20 s, 40 s, 56 s
        Assert.Equal(expected[3], prices[29]);
        for (var i = 1; i <= 10; i++) Assert.True(Math.Sign(prices[i] - prices[i - 1]) * Math.Sign(expected[1] - expected[0]) >= 0);
        for (var i = 11; i <= 20; i++) Assert.True(Math.Sign(prices[i] - prices[i - 1]) * Math.Sign(expected[2] - expected[1]) >= 0);
        Assert.All(frames.Tickers("BTC-USD"), t => Assert.True(t.Dec("best_bid") < t.Dec("price") && t.Dec("price") < t.Dec("best_ask")));

        // One-minute candles rebuilt from the trades reproduce the bar; a zero-volume bar has no trades.
        var trades = frames.Trades("BTC-USD").Select(t => t.Trade).ToList();
        Assert.Equal(15, trades.Count);
        var tradePrices = trades.Select(t => t.Dec("price")).ToList();
        var bar = ohlcv.Split(',').Select(v => decimal.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(bar, new[] { tradePrices[0], tradePrices.Max(), tradePrices.Min(), tradePrices[^1], trades.Sum(t => t.Dec("size")) });
        Assert.All(trades, t => Assert.Equal(2m, t.Dec("size")));
    }

    [Fact]
    public void Trade_bars_get_a_synthesized_spread_of_the_given_bps_around_the_price()
    {
        var zip = LeanFixtures.Write(_dir.Path, "ethusd", "20200101", "trade", "0,1000,1000,1000,1000,1");
        var output = _dir.File("spread.txt");
        CaptureImporter.Run(new ImportRequest(CaptureFormat.LeanTrade, [zip], output, SpreadBps: 10m));
        var ticker = CaptureLines.Read(output).Tickers("ETH-USD").First();
        Assert.Equal((999.5m, 1000m, 1000.5m), (ticker.Dec("best_bid"), ticker.Dec("price"), ticker.Dec("best_ask")));
    }

    [Fact]
    public void Short_gaps_between_bars_keep_the_quote_alive_and_long_gaps_stay_empty()
    {
        var zip = LeanFixtures.Write(_dir.Path, "btcusd", "20200101", "trade",
            "0,100,100,100,100,1", "180000,101,101,101,101,1", "3600000,102,102,102,102,1");
        var output = _dir.File("gaps.txt");
        CaptureImporter.Run(new ImportRequest(CaptureFormat.LeanTrade, [zip], output));
        var tickerMs = CaptureLines.Read(output).Where(f => f.Frame.GetProperty("channel").GetString() == "ticker").Select(f => f.Ms).ToList();
        var start = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
        Assert.Equal(Enumerable.Range(0, 120).Select(i => start + i * 2000L), tickerMs.Take(120)); // 00:00–00:04 without a hole
        Assert.Contains(start + 3_600_000, tickerMs);
        Assert.DoesNotContain(tickerMs, ms => ms > start + 240_000 && ms < start + 3_600_000);
    }

    [Fact]
    public void Candle_csvs_in_both_column_layouts_are_read_and_bad_lines_are_counted()
    {
        var minute = _dir.File("ETHUSD_1m_test.csv");
        File.WriteAllText(minute, "open_time,open,high,low,close,volume\n"
            + "2023-03-01 00:00:00+00:00,1600.5,1601,1600,1600.75,2.5\n"
            + "garbage line\n"
            + "2023-03-01 00:01:00+00:00,1600.75,1602,1600.5,1601.25,x\n"
            + "2023-03-01 00:02:00+00:00,1601.25,1601.5,1601,1601.5,1.5\n"
            + "2023-03-01 00:03:00+00:00,1601.5,1601.5,1601,1601,1\n");
        var daily = _dir.File("daily.csv");
        File.WriteAllText(daily, "timestamp,open,close,volume,unix_timestamp,high,low\n"
            + "2025-09-20 00:00:00,100,110,96,1758326400,120,90\n"
            + "2025-09-20 01:00:00,110,111,50,1758330000,112,109\n");

        var minuteOut = _dir.File("minute.txt");
        var result = CaptureImporter.Run(new ImportRequest(CaptureFormat.CandlesCsv, [minute], minuteOut));
        Assert.Equal(2, result.Issues.BadLines);
        Assert.Equal(new Dictionary<string, long> { ["bad_number"] = 1, ["wrong_column_count"] = 1 }, result.Issues.ByReason);
        var frames = CaptureLines.Read(minuteOut);
        AssertEnvelopes(frames);
        Assert.Equal(["ETH-USD"], result.Products);
        Assert.Equal(1600.5m, frames.Tickers("ETH-USD").First().Dec("price"));
        Assert.Equal(2.5m, frames.Trades("ETH-USD").Where(t => t.Ms < 1677628860000).Sum(t => t.Trade.Dec("size")));
        Assert.Equal(1.5m, frames.Trades("ETH-USD").Where(t => t.Ms >= 1677628920000 && t.Ms < 1677628980000).Sum(t => t.Trade.Dec("size")));

        var dailyOut = _dir.File("daily.txt");
        var dailyResult = CaptureImporter.Run(new ImportRequest(CaptureFormat.CandlesCsv, [daily], dailyOut, Product: "BTC-USD",
            To: new DateTimeOffset(2025, 9, 20, 1, 0, 0, TimeSpan.Zero))); // the bar length is inferred before the cut
        var dailyFrames = CaptureLines.Read(dailyOut);
        var tickers = dailyFrames.Tickers("BTC-USD").ToList();
        Assert.Equal(1_800, tickers.Count); // one hourly bar, a ticker every 2 s
        // O=100, H=120, L=90, C=110: the low is nearer the open, so it comes first (at 20 and 40 minutes).
        Assert.Equal([100m, 90m, 120m, 110m], new[] { tickers[0], tickers[600], tickers[1_200], tickers[^1] }.Select(t => t.Dec("price")));
        Assert.Equal(96m, dailyFrames.Trades("BTC-USD").Sum(t => t.Trade.Dec("size")));
        Assert.Equal(0, dailyResult.Issues.BadLines);
    }

    [Fact]
    public void The_cryptofeed_capture_maps_to_ticker_market_trades_and_l2_data()
    {
        var input = Path.Combine(RepoPaths.MarketData, "cryptofeed-coinbasepro-ws", "COINBASE.ws.28.0.gz");
        var output = _dir.File("cf.txt");
        var result = CaptureImporter.Run(new ImportRequest(CaptureFormat.Cryptofeed, [input], output));
        var frames = CaptureLines.Read(output);
        AssertEnvelopes(frames);

        Assert.Equal(107, result.FramesByChannel["ticker"]);
        Assert.Equal(107, result.FramesByChannel["market_trades"]); // 97 match + 10 last_match
        Assert.Equal(9_729, result.FramesByChannel["l2_data"]);     // 9,719 l2update + 10 snapshot
        Assert.Equal(10, result.Products.Count);
        Assert.Equal(0, result.Issues.BadLines);

        // 1618677817.118783: l2update SKL-BTC ["sell","0.00001306","660.5"] at 16:43:37.075687Z
        var update = frames.First(f => f.Ms == 1618677817118 && f.Frame.GetProperty("channel").GetString() == "l2_data"
            && f.Frame.GetProperty("events")[0].GetProperty("product_id").GetString() == "SKL-BTC").Frame.GetProperty("events")[0];
        Assert.Equal(("update", "SKL-BTC"), (update.GetProperty("type").GetString(), update.GetProperty("product_id").GetString()));
        var level = update.GetProperty("updates")[0];
        Assert.Equal(("offer", "0.00001306", "660.5", "2021-04-17T16:43:37.075687Z"),
            (level.GetProperty("side").GetString(), level.GetProperty("price_level").GetString(),
             level.GetProperty("new_quantity").GetString(), level.GetProperty("event_time").GetString()));

        var snapshots = frames.Where(f => f.Frame.GetProperty("channel").GetString() == "l2_data"
            && f.Frame.GetProperty("events")[0].GetProperty("type").GetString() == "snapshot").ToList();
        Assert.Equal(10, snapshots.Count);
        Assert.All(snapshots, s => Assert.Equal(new[] { "bid", "offer" },
            s.Frame.GetProperty("events")[0].GetProperty("updates").EnumerateArray().Select(u => u.GetProperty("side").GetString()).Distinct().Order()));

        // 1618677817.079762: last_match BAND-GBP trade 881613, maker side sell → a SELL in a snapshot event.
        var lastMatch = frames.Single(f => f.Ms == 1618677817079 && f.Frame.GetProperty("channel").GetString() == "market_trades"
            && f.Frame.GetProperty("events")[0].GetProperty("trades")[0].GetProperty("trade_id").GetString() == "881613").Frame.GetProperty("events")[0];
        Assert.Equal("snapshot", lastMatch.GetProperty("type").GetString());
        var trade = lastMatch.GetProperty("trades")[0];
        Assert.Equal(("BAND-GBP", "SELL", 14.7775m, 0.04m), (trade.GetProperty("product_id").GetString(), trade.GetProperty("side").GetString(), trade.Dec("price"), trade.Dec("size")));

        var ticker = frames.Tickers("BAND-GBP").First();
        Assert.Equal((14.7775m, 14.755m, 14.806m, 94381.28m), (ticker.Dec("price"), ticker.Dec("best_bid"), ticker.Dec("best_ask"), ticker.Dec("volume_24_h")));
    }

    [Fact]
    public void Bad_cryptofeed_lines_are_counted_and_skipped()
    {
        var input = _dir.File("bad.ws");
        File.WriteAllText(input,
            "wss://ws-feed.pro.coinbase.com <- 1618677817.02: {\"type\":\"subscribe\"}\n"
            + "1618677817.1: {\"type\":\"match\",\"trade_id\":1,\"side\":\"buy\",\"size\":\"1\",\"price\":\"2.5\",\"product_id\":\"SKL-USD\",\"time\":\"2021-04-17T16:43:37.1Z\"}\n"
            + "1618677817.2: {not json\n"
            + "nonsense\n"
            + "1618677817.3: {\"type\":\"match\",\"trade_id\":2,\"side\":\"sideways\",\"size\":\"1\",\"price\":\"2.5\",\"product_id\":\"SKL-USD\",\"time\":\"2021-04-17T16:43:37.3Z\"}\n"
            + "1618677817.4: {\"type\":\"l2update\",\"product_id\":\"SKL-USD\",\"changes\":[[\"buy\",\"2.4\",\"3\"]],\"time\":\"2021-04-17T16:43:37.4Z\"}\n");
        var output = _dir.File("bad.txt");
        var result = CaptureImporter.Run(new ImportRequest(CaptureFormat.Cryptofeed, [input], output));

        Assert.Equal(2, result.Issues.BadLines);
        Assert.Equal(2, result.SkippedLines); // the sent frame and the line that is no frame at all
        Assert.Equal(1, result.FramesByChannel["market_trades"]);
        Assert.Equal(1, result.FramesByChannel["l2_data"]);
        AssertEnvelopes(CaptureLines.Read(output));
    }

    [Theory]
    [InlineData("out.txt")]
    [InlineData("out.txt.gz")]
    public void Two_runs_over_the_same_input_write_identical_bytes(string name)
    {
        var inputs = new[] { Path.Combine(Lean, "btcusd", "20180404_quote.zip"), Path.Combine(Lean, "ltcusd", "20180404_quote.zip") };
        var first = _dir.File("a-" + name);
        var second = _dir.File("b-" + name);
        CaptureImporter.Run(new ImportRequest(CaptureFormat.LeanQuote, inputs, first, To: Apr4.AddMinutes(10)));
        CaptureImporter.Run(new ImportRequest(CaptureFormat.LeanQuote, inputs.Reverse().ToArray(), second, To: Apr4.AddMinutes(10)));
        var a = File.ReadAllBytes(first);
        var b = File.ReadAllBytes(second);
        Assert.True(a.Length > 1000);
        // The input order differs only in the "# source:" comment; compare the frames, then the bytes of a rerun.
        Assert.Equal(Frames(first), Frames(second));
        var third = _dir.File("c-" + name);
        CaptureImporter.Run(new ImportRequest(CaptureFormat.LeanQuote, inputs, third, To: Apr4.AddMinutes(10)));
        Assert.Equal(SHA256.HashData(a), SHA256.HashData(File.ReadAllBytes(third)));

        static List<string> Frames(string path) => CaptureLines.Read(path).Select(f => f.Ms + " " + f.Frame.GetRawText()).ToList();
    }

    private static async Task<(int Code, string Out, string Err)> Cli(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var context = new CliContext(new ProcessClock(TraderClock.Virtual(VirtualTime.Create())), output, error, _ => null);
        var code = await TraderCli.RunAsync(args, context);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task The_command_writes_the_capture_and_reports_what_it_wrote()
    {
        var output = _dir.File("cli.txt.gz");
        var (code, stdout, _) = await Cli("capture", "import", "--format", "lean-trade", "--to", "2018-04-04T00:05:00Z",
            Path.Combine(Lean, "ethusd", "20180404_trade.zip"), "--out", output);
        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("products: ETH-USD", stdout);
        Assert.Equal(5 * 30, CaptureLines.Read(output).Tickers("ETH-USD").Count());
    }

    [Fact]
    public async Task An_unknown_format_or_an_unreadable_file_exits_2_with_a_clear_message()
    {
        var (code, _, err) = await Cli("capture", "import", "--format", "parquet", "x.csv", "--out", _dir.File("x.txt"));
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("parquet", err);

        (code, _, err) = await Cli("capture", "import", "--format", "candles-csv", _dir.File("missing.csv"), "--out", _dir.File("x.txt"));
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("missing.csv: no such file", err);

        var notZip = Path.Combine(_dir.Path, "btcusd", "20200101_quote.zip");
        Directory.CreateDirectory(Path.GetDirectoryName(notZip)!);
        File.WriteAllText(notZip, "not a zip");
        (code, _, err) = await Cli("capture", "import", "--format", "lean-quote", notZip, "--out", _dir.File("x.txt"));
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("not a readable zip", err);

        (code, _, err) = await Cli("capture", "import", "--format", "lean-trade", notZip, "--out", _dir.File("x.txt"));
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("YYYYMMDD_trade.zip", err);
    }
}
