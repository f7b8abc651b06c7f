using System.Text;
using Trader.Coinbase.Parsing;
using Trader.Testing;

namespace Trader.EndToEnd.Tests.Live;

/// <summary>The user-channel parser against the documented and recorded frames (../shared/coinbase/samples) and bad input.</summary>
public sealed class UserChannelParserTests
{
    private static UserChannelResult ParseSample(string name) => UserChannelParser.Parse(File.ReadAllBytes(Path.Combine(RepoPaths.Samples, name)));

    private static UserChannelResult Parse(string json) => UserChannelParser.Parse(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void The_documented_snapshot_yields_its_order_with_ids_status_and_filled_quantity()
    {
        var result = ParseSample("ws-user-snapshot.json");
        Assert.Equal(ParseOutcome.Ok, result.Outcome);
        var order = Assert.Single(result.Orders);
        Assert.Equal(new UserOrderUpdate("snapshot", "YYY", "XXX", "BTC-USD", "FILLED", 0.01m), order);
    }

    [Fact]
    public void A_recorded_empty_snapshot_is_ok_with_no_orders_and_heartbeats_and_acks_are_ignored()
    {
        var empty = ParseSample("ws-recorded-user-snapshot-empty.json");
        Assert.Equal(ParseOutcome.Ok, empty.Outcome);
        Assert.Empty(empty.Orders);
        Assert.Equal(ParseOutcome.Ignored, ParseSample("ws-recorded-heartbeats.json").Outcome);
        Assert.Equal(ParseOutcome.Ignored, ParseSample("ws-recorded-subscriptions-ack.json").Outcome);
    }

    [Fact]
    public void An_update_whose_events_come_before_the_channel_is_still_read()
    {
        var result = Parse("""
            {"events":[{"type":"update","orders":[{"order_id":"o-1","client_order_id":"trdr-BTCUSD-1-a","product_id":"BTC-USD","status":"CANCELLED","cumulative_quantity":"0"}]}],
             "channel":"user","client_id":"","timestamp":"2025-01-06T12:00:00Z","sequence_num":3}
            """);
        Assert.Equal(ParseOutcome.Ok, result.Outcome);
        Assert.Equal(new UserOrderUpdate("update", "o-1", "trdr-BTCUSD-1-a", "BTC-USD", "CANCELLED", 0m), Assert.Single(result.Orders));
    }

    [Theory]
    [InlineData("", ParseReasons.InvalidJson)]
    [InlineData("{\"channel\":\"user\",\"events\":[{\"type\":\"update\",\"orders\":[{\"order_id\":\"o\",\"product_id\":\"BTC-USD\"", ParseReasons.InvalidJson)]
    [InlineData("[1,2]", ParseReasons.NotAnObject)]
    [InlineData("{\"type\":\"error\",\"message\":\"failure to subscribe\"}", ParseReasons.ErrorFrame)]
    [InlineData("{\"channel\":\"user\",\"events\":{}}", ParseReasons.BadShape)]
    [InlineData("{\"channel\":\"user\",\"events\":[{\"type\":\"update\",\"orders\":[{\"product_id\":\"BTC-USD\",\"status\":\"OPEN\"}]}]}", ParseReasons.MissingField)]
    [InlineData("{\"channel\":\"user\",\"events\":[{\"type\":\"update\",\"orders\":[{\"order_id\":\"o\",\"product_id\":\"BTC-USD\",\"status\":\"OPEN\",\"cumulative_quantity\":\"1e\"}]}]}", ParseReasons.BadNumber)]
    [InlineData("{\"channel\":\"user\",\"events\":[{\"type\":\"weird\",\"orders\":[]}]}", ParseReasons.BadEventType)]
    public void Bad_frames_are_rejected_with_a_stable_reason_and_emit_nothing(string frame, string reason)
    {
        var result = Parse(frame);
        Assert.Equal(ParseOutcome.Rejected, result.Outcome);
        Assert.Equal(reason, result.Reason);
        Assert.Empty(result.Orders);
    }
}
