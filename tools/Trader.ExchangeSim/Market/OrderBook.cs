namespace Trader.ExchangeSim.Market;

/// <summary>A price-level book: absolute size per price, bids best (highest) first, asks best (lowest) first.</summary>
internal sealed class OrderBook
{
    private static readonly Comparer<decimal> Descending = Comparer<decimal>.Create((a, b) => b.CompareTo(a));

    public SortedDictionary<decimal, decimal> Bids { get; } = new(Descending);
    public SortedDictionary<decimal, decimal> Asks { get; } = new();

    public SortedDictionary<decimal, decimal> Side(bool bid) => bid ? Bids : Asks;

    /// <summary>Sets a level to an absolute size; zero removes it.</summary>
    public void Set(bool bid, decimal price, decimal size)
    {
        var side = Side(bid);
        if (size <= 0) side.Remove(price);
        else side[price] = size;
    }

    public (decimal Price, decimal Size)? BestBid => Top(Bids);
    public (decimal Price, decimal Size)? BestAsk => Top(Asks);

    private static (decimal, decimal)? Top(SortedDictionary<decimal, decimal> side)
    {
        foreach (var level in side) return (level.Key, level.Value);
        return null;
    }

    public IEnumerable<(decimal Price, decimal Size)> Levels(bool bid, int limit)
    {
        var count = 0;
        foreach (var level in Side(bid))
        {
            if (limit > 0 && count++ >= limit) yield break;
            yield return (level.Key, level.Value);
        }
    }
}
