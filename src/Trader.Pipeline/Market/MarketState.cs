using System.Collections.Concurrent;
using Trader.Domain.Market;
using Trader.Pipeline.Candles;
using Trader.Pipeline.Guards;

namespace Trader.Pipeline.Market;

/// <summary>
/// The latest guarded market data per product, conflated: each write replaces what a reader would see, and
/// readers copy under a short per-product lock, so a slow reader never holds the feed back. One writer (the
/// guarded feed), any number of concurrent readers (<see cref="Snapshot"/>). Staleness flags are computed at
/// the reader's instant from the same definitions the staleness guard alerts on (REQ-ST1).
/// </summary>
public sealed class MarketState
{
    /// <summary>Seven days of one-minute candles per product.</summary>
    public const int DefaultCandleCapacity = 7 * 24 * 60;

    private static readonly TimeSpan Day = TimeSpan.FromDays(1);

    private readonly StalenessSettings _staleness;
    private readonly int _candleCapacity;
    private readonly ConcurrentDictionary<string, Slot> _products = new(StringComparer.Ordinal);
    private readonly object _addGate = new();

    // Every tracked product ordered by id, replaced (never mutated) when a product is added, so a snapshot
    // neither copies nor sorts the keys.
    private volatile KeyValuePair<string, Slot>[] _ordered = [];
    private volatile bool _feedUp = true;
    private long _reconnectedAtTicks = DateTimeOffset.MinValue.UtcTicks;

    public MarketState(StalenessSettings staleness, int candleCapacity = DefaultCandleCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(candleCapacity, 1);
        _staleness = staleness;
        _candleCapacity = candleCapacity;
    }

    public bool FeedUp => _feedUp;

    /// <summary>Makes a product appear in snapshots before any data for it arrived.</summary>
    public void Track(string productId) => SlotOf(productId);

    /// <summary>An accepted quote replaces the current one unless it was received earlier; rejected ticks are ignored.</summary>
    public void ApplyQuote(in QuoteVerdict verdict)
    {
        if (!verdict.Accepted) return;
        var slot = SlotOf(verdict.ProductId);
        lock (slot)
        {
            if (slot.Quote is { } current && current.TsRecv > verdict.Quote.TsRecv) return;
            slot.Quote = verdict.Quote;
        }
    }

    public void ApplyCandle(in ProductCandle candle)
    {
        var slot = SlotOf(candle.ProductId);
        lock (slot)
        {
            if (slot.Candles.Count > 0 && slot.Candles.Last.Start >= candle.Candle.Start) return;
            slot.Candles.Add(candle.Candle);
        }
    }

    /// <summary>Takes the venue's 24 h volume (base units) and last price from a ticker.</summary>
    public void ApplyTicker(TickerEvent ticker)
    {
        var slot = SlotOf(ticker.ProductId);
        lock (slot)
        {
            if (ticker.Volume24h > 0m) slot.Volume24hBase = ticker.Volume24h;
            if (ticker.Price > 0m) slot.LastPrice = ticker.Price;
        }
    }

    public void ApplyStatus(StatusEvent status)
    {
        var slot = SlotOf(status.ProductId);
        lock (slot)
        {
            slot.Status = status.Status;
            if (status.Info is not null) slot.Info = status.Info;
        }
    }

    /// <summary>The feed client's connection signal: while down every product is unhealthy (<c>feed_down</c>).</summary>
    public void SetFeedUp(bool up) => _feedUp = up;

    /// <summary>
    /// The feed went down or came back at <paramref name="at"/>. After a reconnect every quote received before it is
    /// stale until a fresh one arrives on the new connection (CONTRACTS.md §4: no stale quote is served as fresh).
    /// </summary>
    public void SetFeedUp(bool up, DateTimeOffset at)
    {
        if (up && !_feedUp) Volatile.Write(ref _reconnectedAtTicks, at.UtcTicks);
        _feedUp = up;
    }

    /// <summary>
    /// Every tracked product as the decision stages see it at <paramref name="now"/>, ordered by product id.
    /// Costs one view per product, independent of how much history is held.
    /// </summary>
    public IReadOnlyList<ProductMarketView> Snapshot(DateTimeOffset now)
    {
        var ordered = _ordered;
        var views = new ProductMarketView[ordered.Length];
        for (var i = 0; i < ordered.Length; i++)
            views[i] = View(ordered[i].Value, ordered[i].Key, now);
        return views;
    }

    public ProductMarketView? Snapshot(string productId, DateTimeOffset now) =>
        _products.TryGetValue(productId, out var slot) ? View(slot, productId, now) : null;

    private ProductMarketView View(Slot slot, string productId, DateTimeOffset now)
    {
        var feedUp = _feedUp;
        lock (slot)
        {
            var quote = slot.Quote;
            Candle? lastCandle = slot.Candles.Count > 0 ? slot.Candles.Last : null;
            DateTimeOffset? lastClose = lastCandle?.End;
            var last = slot.LastPrice > 0m ? slot.LastPrice : quote?.Last ?? 0m;
            var volumeUsd = slot.Volume24hBase > 0m && last > 0m
                ? slot.Volume24hBase * last
                : slot.Candles.NotionalSince(now - Day);
            return new ProductMarketView(
                productId,
                quote,
                lastCandle?.Close,
                volumeUsd,
                slot.Info ?? slot.DefaultInfo(productId),
                HealthRules.Combine(slot.Status, feedUp),
                QuoteStale(quote, now),
                _staleness.IsStale(FreshnessKind.Ohlcv, lastClose, now));
        }
    }

    private bool QuoteStale(Quote? quote, DateTimeOffset now) =>
        quote is not { } q
        || _staleness.IsStale(FreshnessKind.Quote, q.TsRecv, now)
        || q.TsRecv.UtcTicks < Volatile.Read(ref _reconnectedAtTicks);

    private Slot SlotOf(string productId) =>
        _products.TryGetValue(productId, out var slot) ? slot : Add(productId);

    private Slot Add(string productId)
    {
        lock (_addGate)
        {
            if (_products.TryGetValue(productId, out var existing)) return existing;
            var slot = new Slot(_candleCapacity);
            _products[productId] = slot;
            var ordered = new KeyValuePair<string, Slot>[_ordered.Length + 1];
            _ordered.CopyTo(ordered, 0);
            ordered[^1] = new KeyValuePair<string, Slot>(productId, slot);
            Array.Sort(ordered, static (a, b) => string.CompareOrdinal(a.Key, b.Key));
            _ordered = ordered;
            return slot;
        }
    }

    private sealed class Slot(int candleCapacity)
    {
        private ProductInfo? _defaultInfo;

        public Quote? Quote;
        public readonly CandleRing Candles = new(candleCapacity);
        public decimal Volume24hBase;
        public decimal LastPrice;
        public ProductStatus Status = ProductStatus.Unknown;
        public ProductInfo? Info;

        /// <summary>The USD defaults until the venue's status tells the product's rules (one instance, not one per view).</summary>
        public ProductInfo DefaultInfo(string productId) => _defaultInfo ??= ProductInfo.DefaultUsd(productId);
    }
}
