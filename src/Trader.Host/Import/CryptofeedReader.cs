using System.Globalization;
using System.IO.Compression;
using System.Text.Json;

namespace Trader.Host.Import;

/// <summary>
/// Maps a cryptofeed Coinbase Pro WebSocket capture (<c>&lt;unix_ts&gt;: &lt;json&gt;</c> per received frame, gzip or
/// not) to Advanced Trade frames, received at the line's unix time:
/// <c>ticker</c> → <c>ticker</c> (first per product a snapshot), <c>match</c>/<c>last_match</c> →
/// <c>market_trades</c> update/snapshot (the legacy <c>side</c> is the maker's side, as in Advanced Trade),
/// <c>snapshot</c>/<c>l2update</c> → <c>l2_data</c> snapshot/update with buy → bid, sell → offer.
/// Fields the legacy feed lacks: <c>best_*_quantity</c> come from the book at that price (0 when the level is
/// unknown), <c>low_52_w</c>/<c>high_52_w</c> are the 24 h low/high, <c>price_percent_chg_24_h</c> is computed from
/// <c>open_24h</c>, a snapshot's <c>event_time</c> is its receive time. Lines the client sent (<c>wss://… &lt;-</c>),
/// connection markers and <c>subscriptions</c> acks are skipped; unreadable lines are counted as bad.
/// </summary>
public static class CryptofeedReader
{
    public static (List<CaptureFrame> Frames, Dictionary<string, int> PriceScales, long Skipped) Read(string path, ImportRequest request, ImportIssues issues)
    {
        var frames = new List<CaptureFrame>();
        var scales = new Dictionary<string, int>(StringComparer.Ordinal);
        var books = new Dictionary<string, (Dictionary<decimal, string> Bids, Dictionary<decimal, string> Asks)>(StringComparer.Ordinal);
        var tickerSeen = new HashSet<string>(StringComparer.Ordinal);
        long skipped = 0;

        using var file = File.OpenRead(path);
        using Stream stream = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(file, CompressionMode.Decompress) : file;
        using var reader = new StreamReader(stream);
        long lineNo = 0;
        try
        {
            while (reader.ReadLine() is { } line)
            {
                lineNo++;
                if (line.Length == 0) continue;
                if (!char.IsAsciiDigit(line[0])) { skipped++; continue; } // sent frames and connection markers
                var colon = line.IndexOf(": ", StringComparison.Ordinal);
                if (colon < 0 || !decimal.TryParse(line.AsSpan(0, colon), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds))
                {
                    issues.Bad(path, lineNo, "bad_line", LeanMinuteReader.Truncate(line));
                    continue;
                }
                var recvMs = (long)decimal.Floor(seconds * 1000m);
                if (!request.Keeps(WireText.FromUnixMs(recvMs))) { skipped++; continue; }
                try
                {
                    using var doc = JsonDocument.Parse(line.AsMemory(colon + 2));
                    var root = doc.RootElement;
                    var type = root.GetProperty("type").GetString();
                    var frame = type switch
                    {
                        "ticker" => Ticker(root, recvMs, books, tickerSeen, scales),
                        "match" or "last_match" => Match(root, recvMs, type == "last_match", scales),
                        "snapshot" => Snapshot(root, recvMs, books, scales),
                        "l2update" => Update(root, recvMs, books),
                        _ => null,
                    };
                    if (frame is null) skipped++;
                    else frames.Add(frame);
                }
                catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or OverflowException)
                {
                    issues.Bad(path, lineNo, "bad_frame", e.Message);
                }
            }
        }
        catch (InvalidDataException e)
        {
            throw new ImportInputException($"{path}: not readable gzip ({e.Message})", e);
        }
        // Received order is kept; a stable sort only moves a line whose clock stepped back.
        var ordered = frames.Select((f, i) => (f, i)).OrderBy(x => x.f.RecvMs).ThenBy(x => x.i).Select(x => x.f).ToList();
        return (ordered, scales, skipped);
    }

    private static decimal Dec(JsonElement e, string name) =>
        decimal.Parse(e.GetProperty(name).GetString()!, NumberStyles.Float, CultureInfo.InvariantCulture);

    private static void Scale(Dictionary<string, int> scales, string product, decimal price) =>
        scales[product] = Math.Max(scales.GetValueOrDefault(product), price.Scale);

    private static CaptureFrame Ticker(JsonElement m, long recvMs,
        Dictionary<string, (Dictionary<decimal, string> Bids, Dictionary<decimal, string> Asks)> books,
        HashSet<string> seen, Dictionary<string, int> scales)
    {
        var product = m.GetProperty("product_id").GetString()!;
        var price = Dec(m, "price");
        var open = Dec(m, "open_24h");
        var low = Dec(m, "low_24h");
        var high = Dec(m, "high_24h");
        var bid = Dec(m, "best_bid");
        var ask = Dec(m, "best_ask");
        Scale(scales, product, price);
        var book = books.GetValueOrDefault(product);
        decimal Size(Dictionary<decimal, string>? side, decimal level) =>
            side is not null && side.TryGetValue(level, out var size) ? decimal.Parse(size, NumberStyles.Float, CultureInfo.InvariantCulture) : 0m;
        var change = open > 0m ? Math.Round((price - open) / open * 100m, 8) : 0m;
        var fields = new TickerFields(product, price, Dec(m, "volume_24h"), low, high, low, high, change,
            bid, Size(book.Bids, bid), ask, Size(book.Asks, ask));
        return new TickerFrame(recvMs, seen.Add(product), fields);
    }

    private static CaptureFrame Match(JsonElement m, long recvMs, bool snapshot, Dictionary<string, int> scales)
    {
        var product = m.GetProperty("product_id").GetString()!;
        var price = Dec(m, "price");
        Scale(scales, product, price);
        var tradeId = m.GetProperty("trade_id") is { ValueKind: JsonValueKind.Number } n
            ? n.GetInt64().ToString(CultureInfo.InvariantCulture)
            : m.GetProperty("trade_id").GetString()!;
        var side = m.GetProperty("side").GetString() switch
        {
            "buy" => "BUY",
            "sell" => "SELL",
            var other => throw new FormatException($"unknown side '{other}'"),
        };
        var time = DateTimeOffset.Parse(m.GetProperty("time").GetString()!, CultureInfo.InvariantCulture);
        return new MarketTradesFrame(recvMs, snapshot, [new TradeFields(tradeId, product, price, Dec(m, "size"), side, time)]);
    }

    private static CaptureFrame Snapshot(JsonElement m, long recvMs,
        Dictionary<string, (Dictionary<decimal, string> Bids, Dictionary<decimal, string> Asks)> books, Dictionary<string, int> scales)
    {
        var product = m.GetProperty("product_id").GetString()!;
        var book = (Bids: new Dictionary<decimal, string>(), Asks: new Dictionary<decimal, string>());
        var at = WireText.FromUnixMs(recvMs);
        var updates = new List<BookUpdate>();
        foreach (var (name, side, levels) in new[] { ("bids", "bid", book.Bids), ("asks", "offer", book.Asks) })
            foreach (var level in m.GetProperty(name).EnumerateArray())
            {
                var price = level[0].GetString()!;
                var size = level[1].GetString()!;
                var value = decimal.Parse(price, NumberStyles.Float, CultureInfo.InvariantCulture);
                Scale(scales, product, value);
                levels[value] = size;
                updates.Add(new BookUpdate(side, at, price, size));
            }
        books[product] = book;
        return new Level2Frame(recvMs, true, product, updates);
    }

    private static CaptureFrame Update(JsonElement m, long recvMs,
        Dictionary<string, (Dictionary<decimal, string> Bids, Dictionary<decimal, string> Asks)> books)
    {
        var product = m.GetProperty("product_id").GetString()!;
        var time = DateTimeOffset.Parse(m.GetProperty("time").GetString()!, CultureInfo.InvariantCulture);
        if (!books.TryGetValue(product, out var book))
        {
            book = (new Dictionary<decimal, string>(), new Dictionary<decimal, string>());
            books[product] = book;
        }
        var updates = new List<BookUpdate>();
        foreach (var change in m.GetProperty("changes").EnumerateArray())
        {
            var (side, levels) = change[0].GetString() switch
            {
                "buy" => ("bid", book.Bids),
                "sell" => ("offer", book.Asks),
                var other => throw new FormatException($"unknown side '{other}'"),
            };
            var price = change[1].GetString()!;
            var size = change[2].GetString()!;
            var value = decimal.Parse(price, NumberStyles.Float, CultureInfo.InvariantCulture);
            if (decimal.Parse(size, NumberStyles.Float, CultureInfo.InvariantCulture) == 0m) levels.Remove(value);
            else levels[value] = size;
            updates.Add(new BookUpdate(side, time, price, size));
        }
        return new Level2Frame(recvMs, false, product, updates);
    }
}
