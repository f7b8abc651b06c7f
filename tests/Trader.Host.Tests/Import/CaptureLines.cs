using System.IO.Compression;
using System.Text.Json;

namespace Trader.Host.Tests.Import;

/// <summary>Reads a capture back (gzip by extension) as (recv ms, parsed frame) pairs, checking the line format.</summary>
internal static class CaptureLines
{
    public static List<(long Ms, JsonElement Frame)> Read(string path)
    {
        using var file = File.OpenRead(path);
        using Stream stream = path.EndsWith(".gz", StringComparison.Ordinal) ? new GZipStream(file, CompressionMode.Decompress) : file;
        using var reader = new StreamReader(stream);
        var frames = new List<(long, JsonElement)>();
        while (reader.ReadLine() is { } line)
        {
            if (line.StartsWith('#')) continue;
            var tab = line.IndexOf('\t');
            Assert.True(tab > 0, $"no tab in line: {line}");
            var ms = long.Parse(line[..tab], System.Globalization.CultureInfo.InvariantCulture);
            using var doc = JsonDocument.Parse(line[(tab + 1)..]);
            frames.Add((ms, doc.RootElement.Clone()));
        }
        return frames;
    }

    public static IEnumerable<JsonElement> Tickers(this List<(long Ms, JsonElement Frame)> frames, string product) =>
        frames.Where(f => f.Frame.GetProperty("channel").GetString() == "ticker")
            .Select(f => f.Frame.GetProperty("events")[0].GetProperty("tickers")[0])
            .Where(t => t.GetProperty("product_id").GetString() == product);

    public static IEnumerable<(long Ms, JsonElement Trade)> Trades(this List<(long Ms, JsonElement Frame)> frames, string product) =>
        frames.Where(f => f.Frame.GetProperty("channel").GetString() == "market_trades")
            .SelectMany(f => f.Frame.GetProperty("events")[0].GetProperty("trades").EnumerateArray().Select(t => (f.Ms, t)))
            .Where(t => t.t.GetProperty("product_id").GetString() == product);

    public static decimal Dec(this JsonElement e, string name)
    {
        var value = e.GetProperty(name);
        Assert.Equal(JsonValueKind.String, value.ValueKind); // numbers travel as strings
        return decimal.Parse(value.GetString()!, System.Globalization.CultureInfo.InvariantCulture);
    }
}
