using Trader.Domain.Market;

namespace Trader.Pipeline.Market;

/// <summary>
/// Level-2 book of one product, kept only for its top: sizes by price plus sorted price sets, so the best bid
/// and offer are O(log n) reads without enumerators. Levels are absolute sizes; 0 removes a level.
/// </summary>
public sealed class OrderBook
{
    private readonly SortedSet<decimal> _bidPrices = [];
    private readonly SortedSet<decimal> _offerPrices = [];
    private readonly Dictionary<decimal, decimal> _bids = [];
    private readonly Dictionary<decimal, decimal> _offers = [];

    public bool HasTop => _bidPrices.Count > 0 && _offerPrices.Count > 0;

    public decimal BestBid => _bidPrices.Count > 0 ? _bidPrices.Max : 0m;

    public decimal BestOffer => _offerPrices.Count > 0 ? _offerPrices.Min : 0m;

    public decimal SizeAt(BookSide side, decimal price) =>
        (side == BookSide.Bid ? _bids : _offers).GetValueOrDefault(price);

    public void Apply(BookEvent book)
    {
        if (book.IsSnapshot) Clear();
        var levels = book.Levels;
        for (var i = 0; i < levels.Count; i++)
            Set(levels[i]);
    }

    public void Set(in BookLevel level)
    {
        var (prices, sizes) = level.Side == BookSide.Bid ? (_bidPrices, _bids) : (_offerPrices, _offers);
        if (level.Quantity <= 0m)
        {
            if (sizes.Remove(level.Price)) prices.Remove(level.Price);
            return;
        }
        if (!sizes.ContainsKey(level.Price)) prices.Add(level.Price);
        sizes[level.Price] = level.Quantity;
    }

    public void Clear()
    {
        _bidPrices.Clear();
        _offerPrices.Clear();
        _bids.Clear();
        _offers.Clear();
    }
}
