using System.Globalization;
using System.IO.Compression;
using System.Text.RegularExpressions;

namespace Trader.Host.Import;

/// <summary>
/// Reads LEAN crypto minute zips (<c>…/minute/&lt;sym&gt;/YYYYMMDD_{trade,quote}.zip</c>, one CSV inside; times in ms
/// since midnight UTC). Trade rows: <c>ms,open,high,low,close,volume</c>. Quote rows:
/// <c>ms,bid_o,bid_h,bid_l,bid_c,last_bid_size,ask_o,ask_h,ask_l,ask_c,last_ask_size</c>; their volume comes from the
/// trade zip of the same day beside them (minute by minute) when it exists — quotes alone carry no traded volume.
/// The product is <c>--product</c> or the folder name (<c>btcusd</c> → BTC-USD).
/// </summary>
public static partial class LeanMinuteReader
{
    [GeneratedRegex(@"^(\d{8})_(trade|quote)\.zip$", RegexOptions.IgnoreCase)]
    private static partial Regex FileName();

    public static (string Product, List<SourceBar> Bars) Read(string path, bool quotes, string? product, ImportIssues issues)
    {
        var name = Path.GetFileName(path);
        var match = FileName().Match(name);
        var kind = quotes ? "quote" : "trade";
        if (!match.Success || !match.Groups[2].Value.Equals(kind, StringComparison.OrdinalIgnoreCase))
            throw new ImportInputException($"{path}: expected a LEAN minute file named YYYYMMDD_{kind}.zip");
        if (!DateTime.TryParseExact(match.Groups[1].Value, "yyyyMMdd", CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var day))
            throw new ImportInputException($"{path}: '{match.Groups[1].Value}' is not a date");
        var folder = Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(path)) ?? "");
        var productId = product ?? ProductNames.FromSymbol(folder)
            ?? throw new ImportInputException($"{path}: cannot infer the product from folder '{folder}'; pass --product");
        var midnight = new DateTimeOffset(day, TimeSpan.Zero);

        Dictionary<long, decimal>? volumes = null;
        if (quotes)
        {
            var tradeZip = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, match.Groups[1].Value + "_trade.zip");
            if (File.Exists(tradeZip))
            {
                volumes = [];
                var tradeIssues = new ImportIssues();
                foreach (var bar in ParseRows(tradeZip, quotes: false, midnight, tradeIssues))
                    volumes[bar.Start.ToUnixTimeMilliseconds()] = bar.Volume;
            }
            else
            {
                issues.Note($"{name}: no {match.Groups[1].Value}_trade.zip beside it, so no market_trades for {productId} that day");
            }
        }

        var bars = new List<SourceBar>();
        foreach (var bar in ParseRows(path, quotes, midnight, issues))
            bars.Add(volumes is null ? bar : bar with { Volume = volumes.GetValueOrDefault(bar.Start.ToUnixTimeMilliseconds()) });
        return (productId, bars);
    }

    private static List<SourceBar> ParseRows(string path, bool quotes, DateTimeOffset midnight, ImportIssues issues) =>
        ReadZipRows(path, line => quotes ? ParseQuote(line, midnight) : ParseTrade(line, midnight), issues);

    /// <summary>
    /// Every non-empty line of the CSV inside a LEAN zip through <paramref name="parse"/>: bars kept, bad rows counted in
    /// <paramref name="issues"/> with their line number. A file that is not a zip is an input error.
    /// </summary>
    internal static List<SourceBar> ReadZipRows(string path, Func<string, (SourceBar? Bar, string? Error)> parse, ImportIssues issues)
    {
        var bars = new List<SourceBar>();
        try
        {
            using var zip = ZipFile.OpenRead(path);
            var entry = zip.Entries.FirstOrDefault(e => e.FullName.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
                ?? throw new ImportInputException($"{path}: no CSV inside the zip");
            using var reader = new StreamReader(entry.Open());
            long lineNo = 0;
            while (reader.ReadLine() is { } line)
            {
                lineNo++;
                if (line.Length == 0) continue;
                var bar = parse(line);
                if (bar.Error is not null) issues.Bad(path, lineNo, bar.Error, Truncate(line));
                else bars.Add(bar.Bar!);
            }
        }
        catch (InvalidDataException e)
        {
            throw new ImportInputException($"{path}: not a readable zip ({e.Message})", e);
        }
        return bars;
    }

    private static (SourceBar? Bar, string? Error) ParseTrade(string line, DateTimeOffset midnight)
    {
        var f = line.Split(',');
        if (f.Length != 6) return (null, "wrong_column_count");
        if (!TryMs(f[0], out var ms)) return (null, "bad_time");
        return OhlcvRow(f, midnight.AddMilliseconds(ms));
    }

    /// <summary>Fields 1–5 of a trade row (<c>open,high,low,close,volume</c>) as the bar starting at <paramref name="start"/>.</summary>
    internal static (SourceBar? Bar, string? Error) OhlcvRow(string[] f, DateTimeOffset start)
    {
        if (!TryNumbers(f, 1, 5, out var v)) return (null, "bad_number");
        if (!new Ohlc(v[0], v[1], v[2], v[3]).IsValid || v[4] < 0m) return (null, "inconsistent_bar");
        return (new SourceBar(start, v[0], v[1], v[2], v[3], v[4]), null);
    }

    private static (SourceBar? Bar, string? Error) ParseQuote(string line, DateTimeOffset midnight)
    {
        var f = line.Split(',');
        if (f.Length != 11) return (null, "wrong_column_count");
        if (!TryMs(f[0], out var ms)) return (null, "bad_time");
        if (!TryNumbers(f, 1, 10, out var v)) return (null, "bad_number");
        var bid = new Ohlc(v[0], v[1], v[2], v[3]);
        var ask = new Ohlc(v[5], v[6], v[7], v[8]);
        if (!bid.IsValid || !ask.IsValid || v[4] < 0m || v[9] < 0m) return (null, "inconsistent_bar");
        return (new SourceBar(midnight.AddMilliseconds(ms),
            (bid.Open + ask.Open) / 2m, (bid.High + ask.High) / 2m, (bid.Low + ask.Low) / 2m, (bid.Close + ask.Close) / 2m,
            0m, bid, ask, v[4], v[9]), null);
    }

    private static bool TryMs(string text, out long ms) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out ms) && ms < 86_400_000;

    internal static bool TryNumbers(string[] fields, int start, int count, out decimal[] values)
    {
        values = new decimal[count];
        for (var i = 0; i < count; i++)
            if (!decimal.TryParse(fields[start + i], NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]))
                return false;
        return true;
    }

    internal static string Truncate(string line) => line.Length <= 120 ? line : line[..120] + "…";
}
