using System.Text.Json.Nodes;

namespace Trader.ExchangeSim.Market;

/// <summary>Everything the simulator knows about one product's market: book, recent trades, 1-minute candles and
/// the last ticker statistics seen in a capture.</summary>
internal sealed class ProductMarket
{
    private const int RecentTradeCap = 1000;
    private const int MinuteCandleCap = 14 * 24 * 60;
    private readonly HashSet<string> _seenTradeIds = new();
    private readonly Queue<string> _seenOrder = new();

    public ProductMarket(SimProduct product) => Product = product;

    public SimProduct Product { get; }
    public OrderBook Book { get; } = new();
    public List<MarketTrade> RecentTrades { get; } = new();
    public SortedDictionary<long, CandleBar> MinuteCandles { get; } = new();
    public decimal? LastPrice { get; set; }
    /// <summary>Ticker fields (volume_24_h, low_52_w…) passed through from the last captured ticker, if any.</summary>
    public JsonObject? CapturedTicker
    {
        get
        {
            // Parsed only when a ticker is published: a replay feeding every captured ticker rarely has subscribers.
            if (_capturedTicker is null && CapturedTickerJson is { } json) _capturedTicker = JsonNode.Parse(json)!.AsObject();
            return _capturedTicker;
        }
    }

    /// <summary>The raw JSON of the last captured ticker (see <see cref="CapturedTicker"/>).</summary>
    public string? CapturedTickerJson
    {
        get => _capturedTickerJson;
        set
        {
            _capturedTickerJson = value;
            _capturedTicker = null;
        }
    }

    private string? _capturedTickerJson;
    private JsonObject? _capturedTicker;
    /// <summary>True once an <c>l2_data</c> frame named the product; until then a ticker's top of book is its book.</summary>
    public bool HasLevel2 { get; set; }
    /// <summary>5-minute candles that changed since the last <c>candles</c> update.</summary>
    public bool CandleDirty { get; set; }

    /// <summary>Records a trade once (trade ids seen before are ignored, so a captured re-snapshot does not double
    /// count). Returns false for a duplicate.</summary>
    public bool AddTrade(MarketTrade trade)
    {
        if (!_seenTradeIds.Add(trade.TradeId)) return false;
        _seenOrder.Enqueue(trade.TradeId);
        if (_seenOrder.Count > 10 * RecentTradeCap) _seenTradeIds.Remove(_seenOrder.Dequeue());

        RecentTrades.Add(trade);
        if (RecentTrades.Count > RecentTradeCap) RecentTrades.RemoveRange(0, RecentTrades.Count - RecentTradeCap);
        LastPrice = trade.Price;

        var minute = trade.Time.ToUnixTimeSeconds() / 60 * 60;
        if (MinuteCandles.TryGetValue(minute, out var bar)) bar.Add(trade.Price, trade.Size);
        else
        {
            MinuteCandles[minute] = new CandleBar(DateTimeOffset.FromUnixTimeSeconds(minute), trade.Price, trade.Size);
            while (MinuteCandles.Count > MinuteCandleCap) MinuteCandles.Remove(MinuteCandles.Keys.First());
        }
        CandleDirty = true;
        return true;
    }

    /// <summary>Bars of <paramref name="seconds"/> width (a multiple of 60) whose start lies in [from, to),
    /// newest first, built from the 1-minute bars.</summary>
    public List<CandleBar> Candles(long seconds, long from, long to)
    {
        var buckets = new SortedDictionary<long, CandleBar>();
        foreach (var (minute, bar) in MinuteCandles)
        {
            var bucket = minute / seconds * seconds;
            if (bucket < from || bucket >= to) continue;
            if (buckets.TryGetValue(bucket, out var agg)) agg.Merge(bar);
            else buckets[bucket] = bar.CopyAt(DateTimeOffset.FromUnixTimeSeconds(bucket));
        }
        var result = buckets.Values.ToList();
        result.Reverse();
        return result;
    }

    /// <summary>24 h statistics from this simulator's own trades: (volume, low, high, open).</summary>
    public (decimal Volume, decimal Low, decimal High, decimal? Open) Stats24H(DateTimeOffset now)
    {
        var from = now.AddHours(-24).ToUnixTimeSeconds() / 60 * 60;
        decimal volume = 0, low = decimal.MaxValue, high = decimal.MinValue;
        decimal? open = null;
        foreach (var (minute, bar) in MinuteCandles)
        {
            if (minute < from) continue;
            open ??= bar.Open;
            volume += bar.Volume;
            if (bar.Low < low) low = bar.Low;
            if (bar.High > high) high = bar.High;
        }
        return open is null ? (0m, LastPrice ?? 0m, LastPrice ?? 0m, null) : (volume, low, high, open);
    }
}
