using System.Text;
using System.Text.Json.Nodes;
using Trader.Coinbase.Tests.Parsing;

namespace Trader.Coinbase.Tests.Feed;

/// <summary>Sample frames re-numbered for feed tests, as one-line JSON.</summary>
internal static class Frames
{
    public static string WithSequence(string sample, long sequence, string? productId = null)
    {
        var node = JsonNode.Parse(Samples.Bytes(sample))!;
        node["sequence_num"] = sequence;
        if (productId is not null)
        {
            foreach (var e in node["events"]!.AsArray())
            {
                if (e!["product_id"] is not null) e["product_id"] = productId;
                foreach (var list in new[] { "tickers", "trades" })
                {
                    if (e[list] is JsonArray items)
                        foreach (var item in items) item!["product_id"] = productId;
                }
            }
        }
        return node.ToJsonString();
    }

    public static byte[] Bytes(string sample, long sequence, string? productId = null) =>
        Encoding.UTF8.GetBytes(WithSequence(sample, sequence, productId));

    public static string Ticker(long sequence, string productId = "BTC-USD") => WithSequence("ws-ticker.json", sequence, productId);

    public static string Snapshot(long sequence, string productId = "BTC-USD") =>
        WithSequence("ws-recorded-level2-snapshot-truncated.json", sequence, productId);

    public static string Trade(long sequence) => WithSequence("ws-recorded-market-trades-update-2.json", sequence);

    public static string Heartbeat(long sequence) => WithSequence("ws-recorded-heartbeats.json", sequence);
}
