using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace Trader.Host.Tests.Replay;

/// <summary>
/// Builds a small capture (gzip) of BTC-USD and ETH-USD tickers every second with planted faults, so each fault's
/// trace in the replay report can be checked: two corrupt lines, a BTC price spike, an ETH wide spread, a skipped
/// sequence number, a 20 s silence (both quotes go stale), and ETH taken offline by a status frame and back.
/// </summary>
internal static class FaultCapture
{
    public static readonly DateTimeOffset Start = new(2024, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public const int CorruptLines = 2;
    public const int SpikeAtSecond = 20;
    public const int WideSpreadAtSecond = 22;
    public const int GapAtSecond = 25;
    public const int SilenceFrom = 30;
    public const int SilenceTo = 50;
    public const int OfflineAt = 55;
    public const int OnlineAt = 60;
    public const int End = 70;

    public static void Write(string path, bool withFaults = true)
    {
        var lines = new List<string> { "# planted-fault capture for replay tests" };
        long sequence = 0;
        lines.Add(Line(0, Status(sequence++, 0, ("BTC-USD", "online"), ("ETH-USD", "online"))));
        for (var second = 0; second <= End; second++)
        {
            if (withFaults && second is > SilenceFrom and < SilenceTo) continue;
            if (withFaults && second == 15)
            {
                lines.Add("this line has no tab");
                lines.Add(Line(second, "{\"channel\":\"ticker\",\"events\":[{"));
            }
            if (withFaults && second == GapAtSecond) sequence += 3;
            if (withFaults && second == OfflineAt) lines.Add(Line(second, Status(sequence++, second, ("ETH-USD", "offline"))));
            if (withFaults && second == OnlineAt) lines.Add(Line(second, Status(sequence++, second, ("ETH-USD", "online"))));

            var btc = 7000m + (second % 3) * 0.5m;
            var btcBid = withFaults && second == SpikeAtSecond ? btc * 1.2m : btc;
            lines.Add(Line(second, Ticker(sequence++, second, "BTC-USD", btcBid, btcBid + 0.5m)));
            var ethBid = 400m + (second % 2) * 0.01m;
            var ethAsk = withFaults && second == WideSpreadAtSecond ? ethBid + 4m : ethBid + 0.04m;
            lines.Add(Line(second, Ticker(sequence++, second, "ETH-USD", ethBid, ethAsk)));
        }

        using var file = File.Create(path);
        using var gzip = new GZipStream(file, CompressionLevel.Fastest);
        var bytes = Encoding.UTF8.GetBytes(string.Join('\n', lines) + "\n");
        gzip.Write(bytes);
    }

    private static string Line(int second, string frame) =>
        Start.AddSeconds(second).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture) + "\t" + frame;

    private static string Time(int second) => Start.AddSeconds(second).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string D(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Ticker(long sequence, int second, string product, decimal bid, decimal ask) =>
        "{\"channel\":\"ticker\",\"timestamp\":\"" + Time(second) + "\",\"sequence_num\":" + sequence
        + ",\"events\":[{\"type\":\"update\",\"tickers\":[{\"type\":\"ticker\",\"product_id\":\"" + product
        + "\",\"price\":\"" + D(bid) + "\",\"volume_24_h\":\"1000\",\"low_24_h\":\"1\",\"high_24_h\":\"100000\",\"low_52_w\":\"1\",\"high_52_w\":\"100000\""
        + ",\"price_percent_chg_24_h\":\"0\",\"best_bid\":\"" + D(bid) + "\",\"best_bid_quantity\":\"1\",\"best_ask\":\"" + D(ask)
        + "\",\"best_ask_quantity\":\"1\"}]}]}";

    private static string Status(long sequence, int second, params (string Product, string Status)[] products) =>
        "{\"channel\":\"status\",\"timestamp\":\"" + Time(second) + "\",\"sequence_num\":" + sequence
        + ",\"events\":[{\"type\":\"" + (second == 0 ? "snapshot" : "update") + "\",\"products\":["
        + string.Join(",", products.Select(p =>
            "{\"product_type\":\"SPOT\",\"id\":\"" + p.Product + "\",\"base_currency\":\"" + p.Product[..3]
            + "\",\"quote_currency\":\"USD\",\"base_increment\":\"0.00000001\",\"quote_increment\":\"0.01\",\"display_name\":\""
            + p.Product.Replace('-', '/') + "\",\"status\":\"" + p.Status + "\",\"status_message\":\"\",\"min_market_funds\":\"1\"}"))
        + "]}]}";
}
