using System.Globalization;

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
        return (productId, LeanMinuteReader.ReadZipRows(path, ParseRow, issues));
    }

    private static (SourceBar? Bar, string? Error) ParseRow(string line)
    {
        var f = line.Split(',');
        if (f.Length != 6) return (null, "wrong_column_count");
        if (!TryTime(f[0], out var start)) return (null, "bad_time");
        return LeanMinuteReader.OhlcvRow(f, start);
    }

    private static bool TryTime(string text, out DateTimeOffset time) =>
        DateTimeOffset.TryParseExact(text, "yyyyMMdd HH:mm", CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time);
}
