using System.Globalization;
using System.IO.Compression;

namespace Trader.Host.Import;

/// <summary>
/// Reads candle CSVs with a header naming the columns, gzip or not: <c>open_time,open,high,low,close,volume</c>
/// (Binance.US minute files) and <c>timestamp,open,close,volume,unix_timestamp,high,low</c> (the daily Coinbase
/// file), in any column order. The time is <c>unix_timestamp</c> when present, else the first of
/// <c>open_time, timestamp, time, date, start</c>: unix seconds (or ms), or a date/time (UTC unless it has a zone).
/// Volume is in base units. The product is <c>--product</c> or the file name (<c>BTCUSD_1m_…</c> → BTC-USD).
/// </summary>
public static class CandleCsvReader
{
    private static readonly string[] TimeColumns = ["unix_timestamp", "open_time", "timestamp", "time", "date", "start"];

    public static (string Product, List<SourceBar> Bars) Read(string path, string? product, ImportIssues issues)
    {
        var productId = product ?? ProductNames.FromFileName(path)
            ?? throw new ImportInputException($"{path}: cannot infer the product from the file name; pass --product");
        using var file = File.OpenRead(path);
        using Stream stream = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(file, CompressionMode.Decompress) : file;
        using var reader = new StreamReader(stream);
        var bars = new List<SourceBar>();
        try
        {
            var header = reader.ReadLine() ?? throw new ImportInputException($"{path}: empty file");
            var columns = header.Split(',').Select(c => c.Trim().ToLowerInvariant()).ToArray();
            int Col(string name) => Array.IndexOf(columns, name);
            var time = TimeColumns.Select(Col).FirstOrDefault(i => i >= 0, -1);
            int open = Col("open"), high = Col("high"), low = Col("low"), close = Col("close"), volume = Col("volume");
            if (time < 0 || open < 0 || high < 0 || low < 0 || close < 0 || volume < 0)
                throw new ImportInputException($"{path}: header '{header}' lacks a time column or one of open, high, low, close, volume");

            long lineNo = 1;
            while (reader.ReadLine() is { } line)
            {
                lineNo++;
                if (line.Length == 0 || line[0] == '#') continue;
                var f = line.Split(',');
                if (f.Length != columns.Length) { issues.Bad(path, lineNo, "wrong_column_count", LeanMinuteReader.Truncate(line)); continue; }
                if (!TryTime(f[time], out var start)) { issues.Bad(path, lineNo, "bad_time", LeanMinuteReader.Truncate(line)); continue; }
                if (!LeanMinuteReader.TryNumbers([f[open], f[high], f[low], f[close], f[volume]], 0, 5, out var v))
                {
                    issues.Bad(path, lineNo, "bad_number", LeanMinuteReader.Truncate(line));
                    continue;
                }
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
            throw new ImportInputException($"{path}: not readable gzip ({e.Message})", e);
        }
        return (productId, bars);
    }

    private static bool TryTime(string text, out DateTimeOffset time)
    {
        text = text.Trim();
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var unix))
        {
            time = default;
            if (unix > 253_402_300_799_999) return false;
            time = unix > 100_000_000_000 ? DateTimeOffset.FromUnixTimeMilliseconds(unix) : DateTimeOffset.FromUnixTimeSeconds(unix);
            return true;
        }
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time);
    }
}
