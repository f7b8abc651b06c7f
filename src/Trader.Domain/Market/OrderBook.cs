
namespace Trader.Domain.Market;

/// <summary>
/// The level-2 book of one product, built from an <c>l2_data</c> snapshot and the absolute-size updates after it
/// (<c>new_quantity</c> 0 removes a level). After <see cref="MarkForResync"/> it ignores updates until a fresh
/// snapshot rebuilds it. A crossed book (best bid ≥ best ask) gives no quote. Not thread-safe.
/// </summary>
public sealed class OrderBook
{
    private readonly BookSideLevels _bids = new(isBid: true);
    private readonly BookSideLevels _offers = new(isBid: false);

    public OrderBook(string productId) => ProductId = productId;

    public string ProductId { get; }

    public BookState State { get; private set; } = BookState.AwaitingSnapshot;

    public int BidCount => _bids.Count;

    public int OfferCount => _offers.Count;

    public DateTimeOffset LastTsEvent { get; private set; }

    public DateTimeOffset LastTsRecv { get; private set; }

    public long SnapshotsApplied { get; private set; }

    public long UpdatesApplied { get; private set; }

    public long UpdatesIgnored { get; private set; }

    public BookLevel? BestBid => _bids.TryGetBest(out var p, out var s) ? new BookLevel(BookSide.Bid, p, s) : null;

    public BookLevel? BestOffer => _offers.TryGetBest(out var p, out var s) ? new BookLevel(BookSide.Offer, p, s) : null;

    /// <summary>Best ask − best bid, or null when a side is empty.</summary>
    public decimal? Spread => _bids.TryGetBest(out var bid, out _) && _offers.TryGetBest(out var ask, out _) ? ask - bid : null;

    public bool IsCrossed => _bids.TryGetBest(out var bid, out _) && _offers.TryGetBest(out var ask, out _) && bid >= ask;

    /// <summary>The level <paramref name="depth"/> places from the top of a side (0 = best).</summary>
    public BookLevel LevelAt(BookSide side, int depth)
    {
        var (price, size) = (side == BookSide.Bid ? _bids : _offers).At(depth);
        return new BookLevel(side, price, size);
    }

    public BookApplyOutcome Apply(BookEvent e)
    {
        if (!string.Equals(e.ProductId, ProductId, StringComparison.Ordinal)) return BookApplyOutcome.WrongProduct;

        if (e.IsSnapshot)
        {
            _bids.BeginSnapshot();
            _offers.BeginSnapshot();
            var levels = e.Levels;
            for (var i = 0; i < levels.Count; i++)
            {
                var level = levels[i];
                (level.Side == BookSide.Bid ? _bids : _offers).AppendSnapshot(level.Price, level.Quantity);
            }
            _bids.EndSnapshot();
            _offers.EndSnapshot();
            State = BookState.Live;
            SnapshotsApplied++;
            Stamp(e);
            return BookApplyOutcome.SnapshotApplied;
        }

        if (State != BookState.Live)
        {
            UpdatesIgnored++;
            return BookApplyOutcome.IgnoredAwaitingSnapshot;
        }

        var updates = e.Levels;
        for (var i = 0; i < updates.Count; i++)
        {
            var level = updates[i];
            (level.Side == BookSide.Bid ? _bids : _offers).Set(level.Price, level.Quantity);
        }
        UpdatesApplied++;
        Stamp(e);
        return BookApplyOutcome.UpdateApplied;
    }

    /// <summary>Forgets the levels and waits for a fresh snapshot (after a reconnect or a sequence gap).</summary>
    public void MarkForResync()
    {
        State = BookState.AwaitingSnapshot;
        _bids.Clear();
        _offers.Clear();
    }

    /// <summary>
    /// The top of the book as a <see cref="Quote"/>, when the book is live, has both sides and is not crossed.
    /// <paramref name="last"/> is the last trade price when known; otherwise the mid is used.
    /// </summary>
    public bool TryGetQuote(decimal? last, out Quote quote)
    {
        quote = default;
        if (State != BookState.Live || !_bids.TryGetBest(out var bid, out _) || !_offers.TryGetBest(out var ask, out _) || bid >= ask)
            return false;
        quote = new Quote(bid, ask, last ?? (bid + ask) / 2m, LastTsEvent, LastTsRecv);
        return true;
    }

    private void Stamp(BookEvent e)
    {
        LastTsEvent = e.TsEvent;
        LastTsRecv = e.TsRecv;
    }
}
