using System.Text;
using System.Text.Json;
using Trader.Coinbase.Parsing;

namespace Trader.Coinbase.Feed;

/// <summary>Builds subscribe/unsubscribe messages: one channel each, <c>product_ids</c> where the channel takes them, a fresh JWT when given.</summary>
public static class SubscriptionMessages
{
    public static string Subscribe(string channel, IReadOnlyList<string> productIds, string? jwt) => Build("subscribe", channel, productIds, jwt);

    public static string Unsubscribe(string channel, IReadOnlyList<string> productIds, string? jwt) => Build("unsubscribe", channel, productIds, jwt);

    private static string Build(string type, string channel, IReadOnlyList<string> productIds, string? jwt)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("type", type);
            // heartbeats and futures_balance_summary take no products; user without products means all of them.
            var takesProducts = channel is not (WireChannels.Heartbeats or WireChannels.FuturesBalanceSummary)
                && !(channel == WireChannels.User && productIds.Count == 0);
            if (takesProducts)
            {
                w.WriteStartArray("product_ids");
                foreach (var id in productIds) w.WriteStringValue(id);
                w.WriteEndArray();
            }
            w.WriteString("channel", channel);
            if (!string.IsNullOrEmpty(jwt)) w.WriteString("jwt", jwt);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
