using System.Globalization;
using System.IO.Compression;

namespace Trader.Host.Import;

/// <summary>
/// Reads LEAN crypto daily zips (<c>…/daily/&lt;sym&gt;_trade.zip</c> → <c>&lt;sym&gt;.csv</c>, rows
/// <c>YYYYMMDD HH:mm,open,high,low,close,volume</c>, UTC). The product is given or the file name's symbol
/// (<c>btcusd_trade.zip</c> → BTC-USD). Bad rows are counted in <paramref name="issues"/>, never thrown.
/// </summary>
public static class LeanDailyReader
{
    /// <summary>True when <paramref name="firstLine"/> looks like a LEAN daily trade row.</summary>
    public static bool Matches(string firstLine)
    {
        var comma = firstLine.IndexOf(',');
        return comma == 14 && TryTime(firstLine[..comma], out _) && firstLine.Split(',').Length == 6;
    }

    public static (string Product, List<SourceBar> Bars) Read(string path, string? product, ImportIssues issues)
    {
        var productId = product ?? ProductNames.FromFileName(path)
            ?? throw new ImportInputException($"{path}: cannot infer the product from the file name; name it PRODUCT=FILE");
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
                var f = line.Split(',');
                if (f.Length != 6) { issues.Bad(path, lineNo, "wrong_column_count", LeanMinuteReader.Truncate(line)); continue; }
                if (!TryTime(f[0], out var start)) { issues.Bad(path, lineNo, "bad_time", LeanMinuteReader.Truncate(line)); continue; }
                if (!LeanMinuteReader.TryNumbers(f, 1, 5, out var v)) { issues.Bad(path, lineNo, "bad_number", LeanMinuteReader.Truncate(line)); continue; }
                if (!new Ohlc(v[0], v[1], v[2], v[3]).IsValid || v[4] < 0m)
                {
                    issues.Bad(path, lineNo, "inconsistent_bar", LeanMinuteReader.Truncate(line));
                    continue;
                }
                bars.Add(new SourceBar(start, v[0], v[1], v[2], v[3], v[4]));
            }
        }
        catch (InvalidDataException e)
        {
            throw new ImportInputException($"{path}: not a readable zip ({e.Message})", e);
        }
        return (productId, bars);
    }

    private static bool TryTime(string text, out DateTimeOffset time) =>
        DateTimeOffset.TryParseExact(text, "yyyyMMdd HH:mm", CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time);
}
