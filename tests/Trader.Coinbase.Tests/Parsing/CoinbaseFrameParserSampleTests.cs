using System.Text;
using Trader.Coinbase.Parsing;
using Trader.Domain.Market;
using Trader.Domain.Trading;

namespace Trader.Coinbase.Tests.Parsing;

/// <summary>One test per WebSocket sample in ../shared/coinbase/samples, asserting the parsed values.</summary>
public sealed class CoinbaseFrameParserSampleTests
{
    private static readonly DateTimeOffset Recv = new(2026, 9, 30, 3, 0, 0, TimeSpan.Zero);

    private static (ParseResult Result, List<MarketEvent> Events) Parse(string sample)
    {
        var parser = new CoinbaseFrameParser();
        var sink = new CollectingSink();
        var result = parser.Parse(Samples.Bytes(sample), Recv, sink);
        return (result, sink.Events);
    }

    private static DateTimeOffset Utc(string iso) => DateTimeOffset.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void Every_ws_sample_is_accepted_or_rejected_with_a_reason()
    {
        var parser = new CoinbaseFrameParser();
        foreach (var name in Samples.WsFrames())
        {
            var result = parser.Parse(Samples.Bytes(name), Recv);
            if (name.StartsWith("ws-subscribe", StringComparison.Ordinal) || name.StartsWith("ws-unsubscribe", StringComparison.Ordinal))
                Assert.Empty(parser.Events);
            else
                Assert.True(result.IsOk, $"{name}: {result.Reason}");
        }
    }

    [Fact]
    public void Candles_snapshot_gives_the_bar_with_start_from_unix_seconds()
    {
        var (result, events) = Parse("ws-candles.json");
        Assert.True(result.IsOk);
        Assert.Equal(WireChannels.Candles, result.Channel);
        Assert.Equal(0, result.SequenceNum);
        Assert.Equal(Utc("2023-06-09T20:19:35.3962513Z"), result.Timestamp);
        var c = Assert.IsType<CandleEvent>(Assert.Single(events));
        Assert.Equal("ETH-USD", c.ProductId);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1688998200), c.Start);
        Assert.Equal((1867.38m, 1867.72m, 1865.63m, 1866.81m, 0.20269406m), (c.Open, c.High, c.Low, c.Close, c.Volume));
        Assert.Equal(result.Timestamp, c.TsEvent);
        Assert.Equal(Recv, c.TsRecv);
    }

    [Fact]
    public void Heartbeat_with_string_counter_and_go_time()
    {
        var (result, events) = Parse("ws-heartbeats.json");
        Assert.Equal(WireChannels.Heartbeats, result.Channel);
        var h = Assert.IsType<HeartbeatEvent>(Assert.Single(events));
        Assert.Equal(3049, h.Counter);
        Assert.Equal(Utc("2023-06-23T20:31:56.1219617Z"), h.TsEvent);
        Assert.Equal(string.Empty, h.ProductId);
    }

    [Fact]
    public void Recorded_heartbeat_with_integer_counter()
    {
        var (result, events) = Parse("ws-recorded-heartbeats.json");
        Assert.Equal(3, result.SequenceNum);
        var h = Assert.IsType<HeartbeatEvent>(Assert.Single(events));
        Assert.Equal(21697, h.Counter);
        Assert.Equal(Utc("2026-09-30T02:37:15.0577786Z"), h.TsEvent);
    }

    [Fact]
    public void Docs_level2_snapshot_has_two_bids()
    {
        var (result, events) = Parse("ws-level2-snapshot.json");
        Assert.Equal(WireChannels.L2Data, result.Channel);
        var b = Assert.IsType<BookEvent>(Assert.Single(events));
        Assert.True(b.IsSnapshot);
        Assert.Equal("BTC-USD", b.ProductId);
        Assert.Equal(
            new[] { new BookLevel(BookSide.Bid, 21921.73m, 0.06317902m), new BookLevel(BookSide.Bid, 21921.3m, 0.02m) },
            b.Levels);
        Assert.Equal(Utc("2023-02-09T20:32:50.7149648Z"), b.TsEvent);
    }

    [Fact]
    public void Recorded_level2_snapshot_without_client_id_has_ten_levels_per_side()
    {
        var (result, events) = Parse("ws-recorded-level2-snapshot-truncated.json");
        Assert.True(result.IsOk);
        var b = Assert.IsType<BookEvent>(Assert.Single(events));
        Assert.True(b.IsSnapshot);
        Assert.Equal(10, b.Levels.Count(l => l.Side == BookSide.Bid));
        Assert.Equal(10, b.Levels.Count(l => l.Side == BookSide.Offer));
        Assert.Equal(new BookLevel(BookSide.Bid, 83277.25m, 0.00715626m), b.Levels[0]);
        Assert.Equal(new BookLevel(BookSide.Offer, 83277.26m, 0.01110256m), b.Levels[10]);
        Assert.Equal(new BookLevel(BookSide.Offer, 83282.16m, 0.00240192m), b.Levels[^1]);
    }

    [Fact]
    public void Recorded_level2_update_carries_absolute_sizes_and_zero_removals()
    {
        var (result, events) = Parse("ws-recorded-level2-update.json");
        Assert.Equal(248, result.SequenceNum);
        var b = Assert.IsType<BookEvent>(Assert.Single(events));
        Assert.False(b.IsSnapshot);
        Assert.Equal("ETH-USD", b.ProductId);
        Assert.Equal(51, b.Levels.Count);
        Assert.Equal(32, b.Levels.Count(l => l.Side == BookSide.Bid));
        Assert.Equal(12, b.Levels.Count(l => l.Quantity == 0m));
        Assert.Equal(new BookLevel(BookSide.Bid, 2667.24m, 0m), b.Levels[0]);
        Assert.Equal(new BookLevel(BookSide.Offer, 2671.72m, 12.23396382m), b.Levels[^1]);
        Assert.Equal(Utc("2026-09-30T02:39:59.5664605Z"), b.TsEvent);
    }

    [Fact]
    public void Docs_market_trades_snapshot()
    {
        var (result, events) = Parse("ws-market-trades-snapshot.json");
        Assert.Equal(WireChannels.MarketTrades, result.Channel);
        var t = Assert.IsType<TradeEvent>(Assert.Single(events));
        Assert.Equal(("ETH-USD", "000000000", 1260.01m, 0.3m, OrderSide.Buy), (t.ProductId, t.TradeId, t.Price, t.Size, t.MakerSide));
        Assert.Equal(Utc("2019-08-14T20:42:27.265Z"), t.TsEvent);
    }

    [Fact]
    public void Market_trades_update_with_several_trades_keeps_their_order_and_maker_sides()
    {
        var (result, events) = Parse("ws-market-trades-update-multi.json");
        Assert.Equal(5, result.SequenceNum);
        Assert.Equal(Utc("2026-09-30T01:41:27.834Z"), result.Timestamp);
        Assert.Equal(2, result.EventCount);
        var trades = events.Cast<TradeEvent>().ToList();
        Assert.Equal(("846149798", 2668.35m, 0.03710506m, OrderSide.Sell), (trades[0].TradeId, trades[0].Price, trades[0].Size, trades[0].MakerSide));
        Assert.Equal(("846149799", 2668.36m, 1m, OrderSide.Buy), (trades[1].TradeId, trades[1].Price, trades[1].Size, trades[1].MakerSide));
        Assert.All(trades, t => Assert.Equal(Utc("2026-09-30T01:41:25.375232Z"), t.TsEvent));
    }

    [Fact]
    public void Recorded_market_trades_updates()
    {
        var (r1, e1) = Parse("ws-recorded-market-trades-update.json");
        var (r2, e2) = Parse("ws-recorded-market-trades-update-2.json");
        Assert.Equal((247L, 249L), (r1.SequenceNum!.Value, r2.SequenceNum!.Value));
        var a = Assert.IsType<TradeEvent>(Assert.Single(e1));
        var b = Assert.IsType<TradeEvent>(Assert.Single(e2));
        Assert.Equal(("ETH-USD", "846155167", 2667.2m, 0.84275842m, OrderSide.Sell), (a.ProductId, a.TradeId, a.Price, a.Size, a.MakerSide));
        Assert.Equal(("BTC-USD", "1100253573", 83320.66m, 0.0041608m, OrderSide.Sell), (b.ProductId, b.TradeId, b.Price, b.Size, b.MakerSide));
        Assert.Equal(Utc("2026-09-30T02:39:59.4104Z"), a.TsEvent);
    }

    [Fact]
    public void Subscriptions_ack_is_accepted_without_events()
    {
        var (result, events) = Parse("ws-recorded-subscriptions-ack.json");
        Assert.True(result.IsOk);
        Assert.Equal(WireChannels.Subscriptions, result.Channel);
        Assert.Equal(1, result.SequenceNum);
        Assert.Equal(Utc("2026-09-30T02:37:14.0898179Z"), result.Timestamp);
        Assert.Empty(events);
    }

    [Theory]
    [InlineData("ws-user-snapshot.json")]
    [InlineData("ws-recorded-user-snapshot-empty.json")]
    public void User_frames_are_accepted_without_market_events(string sample)
    {
        var (result, events) = Parse(sample);
        Assert.True(result.IsOk);
        Assert.Equal(WireChannels.User, result.Channel);
        Assert.Empty(events);
    }

    [Fact]
    public void Status_snapshot_gives_status_and_increments()
    {
        var (result, events) = Parse("ws-status.json");
        Assert.Equal(WireChannels.Status, result.Channel);
        var s = Assert.IsType<StatusEvent>(Assert.Single(events));
        Assert.Equal(("BTC-USD", ProductStatus.Online, (string?)null), (s.ProductId, s.Status, s.StatusMessage));
        Assert.NotNull(s.Info);
        Assert.Equal(new ProductInfo("BTC-USD", "BTC", "USD", 0.00000001m, 0.01m, 0.01m, 0.00000001m, 1m), s.Info);
    }

    [Fact]
    public void Ticker_with_best_bid_and_ask()
    {
        var (result, events) = Parse("ws-ticker.json");
        Assert.Equal(WireChannels.Ticker, result.Channel);
        var t = Assert.IsType<TickerEvent>(Assert.Single(events));
        Assert.Equal("BTC-USD", t.ProductId);
        Assert.Equal((21932.98m, 21931.98m, 8000.21m, 21933.98m, 8038.07770938m, 16038.28770938m),
            (t.Price, t.BestBid, t.BestBidQuantity, t.BestAsk, t.BestAskQuantity, t.Volume24h));
        Assert.True(t.HasBook);
        Assert.Equal(Utc("2023-02-09T20:30:37.1673595Z"), t.TsEvent);
    }

    [Fact]
    public void Ticker_batch_without_best_bid_and_ask()
    {
        var (result, events) = Parse("ws-ticker-batch.json");
        Assert.Equal(WireChannels.TickerBatch, result.Channel);
        var t = Assert.IsType<TickerEvent>(Assert.Single(events));
        Assert.Equal(("DOGE-USD", 0.08212m, 242556423.3m), (t.ProductId, t.Price, t.Volume24h));
        Assert.False(t.HasBook);
        Assert.Equal((0m, 0m), (t.BestBid, t.BestAsk));
    }

    [Theory]
    [InlineData("ws-subscribe-request.json", ParseOutcome.Ignored)]
    [InlineData("ws-unsubscribe-request.json", ParseOutcome.Ignored)]
    [InlineData("ws-subscribe-heartbeats-request.json", ParseOutcome.Ok)]
    [InlineData("ws-subscribe-user-request.json", ParseOutcome.Ok)]
    public void Client_requests_echoed_back_carry_no_market_events(string sample, ParseOutcome outcome)
    {
        // A request names the subscribe channel (level2: not a channel frames carry) and has no events.
        var (result, events) = Parse(sample);
        Assert.Equal(outcome, result.Outcome);
        Assert.Null(result.SequenceNum);
        Assert.Empty(events);
    }

    [Fact]
    public void Compact_one_line_frames_parse_like_the_pretty_samples()
    {
        var parser = new CoinbaseFrameParser();
        foreach (var name in Samples.WsFrames())
        {
            var pretty = parser.Parse(Samples.Bytes(name), Recv);
            var prettyEvents = parser.Events.ToList();
            var compact = parser.Parse(Samples.Compact(name), Recv);
            Assert.Equal(pretty with { }, compact);
            Assert.Equal(prettyEvents.Count, parser.Events.Count);
            for (var i = 0; i < prettyEvents.Count; i++)
            {
                if (prettyEvents[i] is BookEvent pb && parser.Events[i] is BookEvent cb)
                    Assert.Equal(pb.Levels, cb.Levels);
                else
                    Assert.Equal(prettyEvents[i], parser.Events[i]);
            }
        }
    }

    [Fact]
    public void Product_ids_are_interned_across_frames()
    {
        var parser = new CoinbaseFrameParser();
        var frame = Samples.Compact("ws-recorded-market-trades-update.json");
        parser.Parse(frame, Recv);
        var first = parser.Events[0].ProductId;
        parser.Parse(frame, Recv);
        Assert.Same(first, parser.Events[0].ProductId);
        Assert.Equal("ETH-USD", Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(first)));
    }
}
