using System.Text;
using Trader.Coinbase.Parsing;
using Trader.Domain.Market;

namespace Trader.Coinbase.Tests.Parsing;

/// <summary>The parser's rules for envelopes, timestamps and bad values (docs/MARKET-DATA.md "Parser").</summary>
public sealed class CoinbaseFrameParserRuleTests
{
    private static readonly DateTimeOffset Recv = new(2026, 9, 30, 3, 0, 0, TimeSpan.Zero);

    private static ParseResult Parse(string json, out IReadOnlyList<MarketEvent> events)
    {
        var parser = new CoinbaseFrameParser();
        var sink = new CollectingSink();
        var result = parser.Parse(Encoding.UTF8.GetBytes(json), Recv, sink);
        events = sink.Events;
        return result;
    }

    private static string Ticker(string tickerFields, string timestamp = "2026-09-30T02:39:53.670986313Z") =>
        $$"""{"channel":"ticker","timestamp":"{{timestamp}}","sequence_num":7,"events":[{"type":"update","tickers":[{"type":"ticker","product_id":"BTC-USD",{{tickerFields}}}]}]}""";

    private static string Level(string price, string qty, string side = "bid") =>
        $$"""{"channel":"l2_data","timestamp":"2026-09-30T02:39:53Z","sequence_num":9,"events":[{"type":"update","product_id":"BTC-USD","updates":[{"side":"{{side}}","event_time":"2026-09-30T02:39:53Z","price_level":"{{price}}","new_quantity":"{{qty}}"}]}]}""";

    [Theory]
    [InlineData("2026-09-30T02:39:53Z", 0)]
    [InlineData("2026-09-30T02:39:53.6Z", 6_000_000)]
    [InlineData("2026-09-30T02:39:53.67Z", 6_700_000)]
    [InlineData("2026-09-30T02:39:53.834Z", 8_340_000)]
    [InlineData("2026-09-30T02:39:53.4104Z", 4_104_000)]
    [InlineData("2026-09-30T02:39:53.375232Z", 3_752_320)]
    [InlineData("2026-09-30T02:39:53.0898179Z", 898_179)]
    [InlineData("2026-09-30T02:39:53.08981798Z", 898_179)]
    [InlineData("2026-09-30T02:39:53.670986313Z", 6_709_863)]
    [InlineData("2026-09-30T04:39:53+02:00", 0)]
    public void Timestamps_with_zero_to_nine_fraction_digits(string timestamp, long fractionTicks)
    {
        var result = Parse(Ticker("\"price\":\"1\"", timestamp), out var events);
        Assert.True(result.IsOk, result.Reason);
        var expected = new DateTimeOffset(2026, 9, 30, 2, 39, 53, TimeSpan.Zero).AddTicks(fractionTicks);
        Assert.Equal(expected, result.Timestamp);
        Assert.Equal(expected, events[0].TsEvent);
        Assert.Equal(TimeSpan.Zero, events[0].TsEvent.Offset);
    }

    [Theory]
    [InlineData("2026-09-30T02:39:53")]
    [InlineData("2026-09-30T02:39:53.Z")]
    [InlineData("2026-09-30T02:39:53.1234567890Z")]
    [InlineData("2026-02-30T02:39:53Z")]
    [InlineData("2026-09-30T24:00:00Z")]
    [InlineData("yesterday")]
    [InlineData("")]
    public void A_timestamp_that_does_not_parse_rejects_the_frame(string timestamp)
    {
        var result = Parse(Ticker("\"price\":\"1\"", timestamp), out var events);
        Assert.Equal((ParseOutcome.Rejected, ParseReasons.BadTimestamp), (result.Outcome, result.Reason));
        Assert.Equal(WireChannels.Ticker, result.Channel);
        Assert.Empty(events);
    }

    [Theory]
    [InlineData("\"price\":\"abc\"", ParseReasons.BadNumber)]
    [InlineData("\"price\":\"\"", ParseReasons.BadNumber)]
    [InlineData("\"price\":\"1.5x\"", ParseReasons.BadNumber)]
    [InlineData("\"price\":\"-3\"", ParseReasons.NonPositivePrice)]
    [InlineData("\"price\":\"1\",\"best_bid\":\"\"", ParseReasons.EmptyBestBid)]
    [InlineData("\"price\":\"1\",\"best_bid\":\"1\",\"best_bid_quantity\":\"\"", ParseReasons.EmptyBestBid)]
    [InlineData("\"price\":\"1\",\"best_ask\":\"\"", ParseReasons.EmptyBestAsk)]
    [InlineData("\"price\":\"1\",\"best_bid_quantity\":\"-1\"", ParseReasons.NegativeSize)]
    [InlineData("\"price\":\"1\",\"volume_24_h\":\"-1\"", ParseReasons.NegativeSize)]
    [InlineData("\"best_bid\":\"1\"", ParseReasons.MissingField)]
    public void Bad_ticker_values_reject_the_frame(string fields, string reason)
    {
        var result = Parse(Ticker(fields), out var events);
        Assert.Equal((ParseOutcome.Rejected, reason), (result.Outcome, result.Reason));
        Assert.Equal(7, result.SequenceNum);
        Assert.Empty(events);
    }

    [Fact]
    public void Numbers_sent_as_json_numbers_are_accepted_too()
    {
        var result = Parse(Ticker("\"price\":101.5,\"best_bid\":101.25,\"best_ask\":\"101.75\""), out var events);
        Assert.True(result.IsOk);
        var t = Assert.IsType<TickerEvent>(events[0]);
        Assert.Equal((101.5m, 101.25m, 101.75m), (t.Price, t.BestBid, t.BestAsk));
    }

    [Theory]
    [InlineData("1", "-0.5", "bid", ParseReasons.NegativeSize)]
    [InlineData("1", "x", "bid", ParseReasons.BadNumber)]
    [InlineData("0", "1", "bid", ParseReasons.NonPositivePrice)]
    [InlineData("1", "1", "ask", ParseReasons.BadSide)]
    public void Bad_level2_values_reject_the_frame(string price, string qty, string side, string reason)
    {
        var result = Parse(Level(price, qty, side), out var events);
        Assert.Equal((ParseOutcome.Rejected, reason), (result.Outcome, result.Reason));
        Assert.Equal(WireChannels.L2Data, result.Channel);
        Assert.Equal(9, result.SequenceNum);
        Assert.Empty(events);
    }

    [Fact]
    public void A_bad_value_late_in_a_frame_emits_nothing_of_that_frame()
    {
        const string json = """{"channel":"market_trades","timestamp":"2026-09-30T02:39:59Z","sequence_num":3,"events":[{"type":"update","trades":[{"product_id":"ETH-USD","trade_id":"1","price":"2667.2","size":"1","time":"2026-09-30T02:39:59Z","side":"SELL"},{"product_id":"ETH-USD","trade_id":"2","price":"2667.2","size":"-1","time":"2026-09-30T02:39:59Z","side":"SELL"}]}]}""";
        var result = Parse(json, out var events);
        Assert.Equal(ParseReasons.NegativeSize, result.Reason);
        Assert.Empty(events);
    }

    [Fact]
    public void Error_frame_is_rejected_with_its_message()
    {
        var result = Parse("""{"type":"error","message":"failure to subscribe"}""", out var events);
        Assert.Equal((ParseOutcome.Rejected, ParseReasons.ErrorFrame, "failure to subscribe"), (result.Outcome, result.Reason, result.Detail));
        Assert.Null(result.Channel);
        Assert.Empty(events);
    }

    [Fact]
    public void Unknown_channel_is_ignored_and_counted_not_an_error()
    {
        var parser = new CoinbaseFrameParser();
        var result = parser.Parse("""{"channel":"level3","timestamp":"2026-09-30T02:39:59Z","sequence_num":12,"events":[{"x":1}]}"""u8, Recv);
        Assert.Equal((ParseOutcome.Ignored, ParseReasons.UnknownChannel, "level3", 12L), (result.Outcome, result.Reason, result.Channel, result.SequenceNum!.Value));
        Assert.Equal(1, parser.FramesIgnored);
        Assert.Equal(0, parser.FramesRejected);
        Assert.Equal(1, parser.CountsByReason[ParseReasons.UnknownChannel]);
    }

    [Theory]
    [InlineData("""{"channel":"ticker","timestamp":"2026-09-30T02:39:59Z","sequence_num":1,"events":[]}""")]
    [InlineData("""{"channel":"l2_data","client_id":"","timestamp":"2026-09-30T02:39:59Z","sequence_num":1,"events":[{"type":"update","product_id":"BTC-USD","updates":[]}]}""")]
    [InlineData("""{"channel":"market_trades","timestamp":"2026-09-30T02:39:59Z","sequence_num":1,"events":[{"type":"update","trades":[]}]}""")]
    public void Empty_events_are_accepted(string json)
    {
        var result = Parse(json, out var events);
        Assert.True(result.IsOk);
        Assert.True(events.Count <= 1);
        if (events.Count == 1) Assert.Empty(Assert.IsType<BookEvent>(events[0]).Levels);
    }

    [Fact]
    public void Envelope_fields_after_the_events_are_still_applied()
    {
        const string json = """{"events":[{"type":"update","trades":[{"product_id":"BTC-USD","trade_id":"9","price":"10","size":"2","side":"BUY"}]}],"sequence_num":44,"timestamp":"2026-09-30T02:39:59.5Z","channel":"market_trades"}""";
        var result = Parse(json, out var events);
        Assert.True(result.IsOk, result.Reason);
        Assert.Equal(44, result.SequenceNum);
        var t = Assert.IsType<TradeEvent>(Assert.Single(events));
        Assert.Equal(new DateTimeOffset(2026, 9, 30, 2, 39, 59, 500, TimeSpan.Zero), t.TsEvent);
    }

    [Theory]
    [InlineData("online", ProductStatus.Online)]
    [InlineData("offline", ProductStatus.Offline)]
    [InlineData("delisted", ProductStatus.Delisted)]
    [InlineData("trading_disabled", ProductStatus.TradingDisabled)]
    [InlineData("cancel_only", ProductStatus.CancelOnly)]
    [InlineData("limit_only", ProductStatus.LimitOnly)]
    [InlineData("post_only", ProductStatus.PostOnly)]
    [InlineData("Online", ProductStatus.Online)]
    [InlineData("", ProductStatus.Unknown)]
    [InlineData("halted_for_maintenance", ProductStatus.Unknown)]
    public void Status_strings_map_to_product_status(string wire, ProductStatus expected)
    {
        var json = $$"""{"channel":"status","timestamp":"2026-09-30T02:39:59Z","sequence_num":1,"events":[{"type":"update","products":[{"id":"ETH-USD","status":"{{wire}}","status_message":"maintenance"}]}]}""";
        var result = Parse(json, out var events);
        Assert.True(result.IsOk);
        var s = Assert.IsType<StatusEvent>(Assert.Single(events));
        Assert.Equal((expected, "maintenance"), (s.Status, s.StatusMessage));
        Assert.Null(s.Info);
    }

    [Theory]
    [InlineData("", ParseReasons.InvalidJson)]
    [InlineData("{", ParseReasons.InvalidJson)]
    [InlineData("{\"channel\":\"ticker\"", ParseReasons.InvalidJson)]
    [InlineData("[1,2]", ParseReasons.NotAnObject)]
    [InlineData("\"x\"", ParseReasons.NotAnObject)]
    [InlineData("{}", ParseReasons.MissingChannel)]
    [InlineData("{\"channel\":5}", ParseReasons.MissingChannel)]
    [InlineData("{\"channel\":\"ticker\",\"events\":{}}", ParseReasons.BadShape)]
    [InlineData("{\"channel\":\"ticker\",\"sequence_num\":\"x\"}", ParseReasons.BadNumber)]
    [InlineData("{\"channel\":\"ticker\"} {}", ParseReasons.InvalidJson)]
    [InlineData("{\"channel\":\"candles\",\"timestamp\":\"2026-09-30T02:39:59Z\",\"events\":[{\"candles\":[{\"product_id\":\"A-B\",\"start\":\"99999999999999\",\"open\":\"1\",\"high\":\"1\",\"low\":\"1\",\"close\":\"1\",\"volume\":\"1\"}]}]}", ParseReasons.BadTimestamp)]
    [InlineData("{\"channel\":\"heartbeats\",\"timestamp\":\"2026-09-30T02:39:59Z\",\"events\":[{\"current_time\":\"soon\",\"heartbeat_counter\":1}]}", ParseReasons.BadTimestamp)]
    [InlineData("{\"channel\":\"heartbeats\",\"timestamp\":\"2026-09-30T02:39:59Z\",\"events\":[{\"heartbeat_counter\":\"one\"}]}", ParseReasons.BadNumber)]
    public void Malformed_frames_are_rejected_with_a_reason(string json, string reason)
    {
        var result = Parse(json, out var events);
        Assert.Equal((ParseOutcome.Rejected, reason), (result.Outcome, result.Reason));
        Assert.Empty(events);
    }

    [Fact]
    public void Missing_envelope_timestamp_falls_back_to_recv_time()
    {
        var result = Parse("""{"channel":"ticker","events":[{"type":"update","tickers":[{"product_id":"BTC-USD","price":"5"}]}]}""", out var events);
        Assert.True(result.IsOk);
        Assert.Null(result.Timestamp);
        Assert.Equal(Recv, events[0].TsEvent);
    }
}
