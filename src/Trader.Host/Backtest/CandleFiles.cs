using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Trader.Domain.Market;
using Trader.Host.Import;

namespace Trader.Host.Backtest;

/// <summary>
/// Loads the candle files of a backtest, detecting each file's layout from its content (gzip by the <c>.gz</c>
/// extension): a CSV whose header names a time column and open/high/low/close/volume (Binance.US
/// <c>open_time,…</c>, the daily <c>timestamp,open,close,volume,unix_timestamp,high,low</c>, the generic
/// <c>timestamp,open,high,low,close,volume</c>: <see cref="CandleCsvReader"/>), a LEAN minute zip
/// (<c>YYYYMMDD_trade.zip</c> / <c>_quote.zip</c>: <see cref="LeanMinuteReader"/>) or a LEAN daily zip
/// (<see cref="LeanDailyReader"/>). The product id is the one given (<c>PRODUCT=FILE</c>), else inferred from the
/// file name (<c>BTCUSD_…</c>, <c>btcusd_trade.zip</c>) or, for LEAN minute files, the folder (<c>btcusd/</c>).
/// Anything else, and bars that are not one minute apart, is a problem (<c>file: line N: message</c>) that stops
/// the backtest before it starts; a bad row inside a recognised file is counted and skipped.
/// </summary>
public static partial class CandleFiles
{
    private static readonly string[] TimeColumns = ["unix_timestamp", "open_time", "timestamp", "time", "date", "start"];
    private static readonly string[] PriceColumns = ["open", "high", "low", "close", "volume"];

    [GeneratedRegex(@"^\d{8}_(trade|quote)\.zip$", RegexOptions.IgnoreCase)]
    private static partial Regex LeanMinuteName();

    /// <summary>Reads every file; <paramref name="problems"/> receives one line per file that cannot be used.</summary>
    public static BacktestData? Load(IReadOnlyList<CandleFileSpec> specs, VolumeUnit volumeUnit, List<string> problems)
    {
        var issues = new ImportIssues();
        var byProduct = new SortedDictionary<string, (List<SourceBar> Bars, List<string> Files)>(StringComparer.Ordinal);
        long rows = 0;
        foreach (var spec in specs)
        {
            try
            {
                var before = issues.BadLines;
                var (product, bars) = ReadOne(spec, issues);
                rows += bars.Count + (issues.BadLines - before);
                if (!byProduct.TryGetValue(product, out var entry))
                {
                    entry = ([], []);
                    byProduct.Add(product, entry);
                }
                entry.Bars.AddRange(bars);
                entry.Files.Add(spec.Path);
            }
            catch (ImportInputException e)
            {
                problems.Add(e.Message);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
            {
                problems.Add($"{spec.Path}: {e.Message}");
            }
        }
        if (problems.Count > 0) return null;

        var series = new List<BacktestSeries>(byProduct.Count);
        foreach (var (product, (bars, files)) in byProduct)
        {
            var built = BarSeries.Build(product, bars, null, issues, fiatQuote: false);
            if (built.Bars.Count == 0)
            {
                problems.Add($"{string.Join(", ", files)}: no usable candle for {product}");
                continue;
            }
            if (built.Bars.Count > 1 && built.BarLength != Candle.Length)
            {
                problems.Add($"{string.Join(", ", files)}: {product} bars are {built.BarLength} apart; the backtest runs on 1-minute candles");
                continue;
            }
            var candles = new Candle[built.Bars.Count];
            for (var i = 0; i < candles.Length; i++)
            {
                var bar = built.Bars[i];
                var volume = volumeUnit == VolumeUnit.Quote ? bar.Volume / bar.Close : bar.Volume;
                candles[i] = new Candle(bar.Start, bar.Open, bar.High, bar.Low, bar.Close, volume);
            }
            series.Add(new BacktestSeries(product, candles));
        }
        if (problems.Count > 0) return null;
        return new BacktestData(series, HashOf(byProduct), rows, issues);
    }

    private static (string Product, List<SourceBar> Bars) ReadOne(CandleFileSpec spec, ImportIssues issues)
    {
        var path = spec.Path;
        if (!File.Exists(path)) throw new ImportInputException($"{path}: file not found");
        if (path.EndsWith(".zip", StringComparison.OrdinalIgnoreCase)) return ReadZip(spec, issues);

        var header = FirstLine(path);
        if (header is null) throw new ImportInputException($"{path}: line 1: empty file");
        var columns = header.Split(',').Select(c => c.Trim().ToLowerInvariant()).ToArray();
        if (!TimeColumns.Any(columns.Contains) || !PriceColumns.All(columns.Contains))
        {
            throw new ImportInputException(
                $"{path}: line 1: unrecognised header '{LeanMinuteReader.Truncate(header)}': expected open_time,open,high,low,close,volume " +
                "or timestamp,open,close,volume,unix_timestamp,high,low or timestamp,open,high,low,close,volume (or a LEAN zip)");
        }
        return CandleCsvReader.Read(path, spec.ProductId ?? InferFromName(path), issues);
    }

    private static (string Product, List<SourceBar> Bars) ReadZip(CandleFileSpec spec, ImportIssues issues)
    {
        var path = spec.Path;
        var name = Path.GetFileName(path);
        var minute = LeanMinuteName().Match(name);
        if (minute.Success)
        {
            var folder = Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(path)) ?? "");
            var product = spec.ProductId ?? ProductNames.FromSymbol(folder)
                ?? throw new ImportInputException($"{path}: cannot infer the product id from folder '{folder}'; write PRODUCT=FILE (e.g. BTC-USD={path})");
            var quotes = minute.Groups[1].Value.Equals("quote", StringComparison.OrdinalIgnoreCase);
            return LeanMinuteReader.Read(path, quotes, product, issues);
        }

        string? first;
        try
        {
            using var zip = ZipFile.OpenRead(path);
            var entry = zip.Entries.FirstOrDefault(e => e.FullName.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
                ?? throw new ImportInputException($"{path}: no CSV inside the zip");
            using var reader = new StreamReader(entry.Open());
            first = reader.ReadLine();
        }
        catch (InvalidDataException e)
        {
            throw new ImportInputException($"{path}: not a readable zip ({e.Message})", e);
        }
        if (first is null || !LeanDailyReader.Matches(first))
        {
            throw new ImportInputException(
                $"{path}: line 1: unrecognised zip content '{LeanMinuteReader.Truncate(first ?? "")}': expected a LEAN minute file " +
                "named YYYYMMDD_trade.zip or YYYYMMDD_quote.zip, or a LEAN daily file with rows YYYYMMDD HH:mm,open,high,low,close,volume");
        }
        return LeanDailyReader.Read(path, spec.ProductId ?? InferFromName(path), issues);
    }

    private static string InferFromName(string path) =>
        ProductNames.FromFileName(path)
        ?? throw new ImportInputException(
            $"{path}: cannot infer the product id from the file name; write PRODUCT=FILE (e.g. BTC-USD={path})");

    private static string? FirstLine(string path)
    {
        using var file = File.OpenRead(path);
        using Stream stream = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(file, CompressionMode.Decompress) : file;
        using var reader = new StreamReader(stream);
        try
        {
            return reader.ReadLine();
        }
        catch (InvalidDataException e)
        {
            throw new ImportInputException($"{path}: not readable gzip ({e.Message})", e);
        }
    }

    /// <summary>SHA-256 over each product id and the bytes of its files, in product order then argument order.</summary>
    private static string HashOf(SortedDictionary<string, (List<SourceBar> Bars, List<string> Files)> byProduct)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[81920];
        foreach (var (product, (_, files)) in byProduct)
        {
            foreach (var path in files)
            {
                hash.AppendData(Encoding.UTF8.GetBytes(product + "\n"));
                using var file = File.OpenRead(path);
                int read;
                while ((read = file.Read(buffer, 0, buffer.Length)) > 0) hash.AppendData(buffer, 0, read);
            }
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
