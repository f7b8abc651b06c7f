namespace Trader.Domain.Market;

/// <summary>
/// One side of a level-2 book: parallel price/size arrays kept sorted with the <b>best level last</b> (bids
/// ascending, offers descending). Most updates touch the top of the book, so an insert or delete there moves
/// only the few levels above it; lookups are binary searches; the best level is O(1).
/// </summary>
internal sealed class BookSideLevels
{
    private readonly bool _isBid;
    private decimal[] _prices = new decimal[64];
    private decimal[] _sizes = new decimal[64];
    private int _count;
    private bool _snapshotMonotonic;

    public BookSideLevels(bool isBid) => _isBid = isBid;

    public int Count => _count;

    public bool TryGetBest(out decimal price, out decimal size)
    {
        if (_count == 0)
        {
            price = size = 0m;
            return false;
        }
        price = _prices[_count - 1];
        size = _sizes[_count - 1];
        return true;
    }

    /// <summary>The level <paramref name="depth"/> places from the best (0 = best).</summary>
    public (decimal Price, decimal Size) At(int depth)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(depth);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(depth, _count);
        var i = _count - 1 - depth;
        return (_prices[i], _sizes[i]);
    }

    public void Clear() => _count = 0;

    /// <summary>Sets the absolute size at a price; 0 removes the level.</summary>
    public void Set(decimal price, decimal size)
    {
        var i = Find(price);
        if (i >= 0)
        {
            if (size == 0m) RemoveAt(i);
            else _sizes[i] = size;
        }
        else if (size != 0m)
        {
            InsertAt(~i, price, size);
        }
    }

    public void BeginSnapshot()
    {
        _count = 0;
        _snapshotMonotonic = true;
    }

    /// <summary>Adds a snapshot level in arrival order (Coinbase sends best first).</summary>
    public void AppendSnapshot(decimal price, decimal size)
    {
        if (size == 0m) return;
        if (_count > 0 && _snapshotMonotonic)
        {
            var previous = _prices[_count - 1];
            // Arrival is best-first: each level must be strictly worse than the one before.
            _snapshotMonotonic = _isBid ? price < previous : price > previous;
        }
        EnsureCapacity(_count + 1);
        _prices[_count] = price;
        _sizes[_count] = size;
        _count++;
    }

    public void EndSnapshot()
    {
        if (_snapshotMonotonic)
        {
            Array.Reverse(_prices, 0, _count);
            Array.Reverse(_sizes, 0, _count);
            return;
        }

        // Unsorted or duplicated prices: rebuild by applying each level in order (later levels win).
        var prices = _prices.AsSpan(0, _count).ToArray();
        var sizes = _sizes.AsSpan(0, _count).ToArray();
        _count = 0;
        for (var i = 0; i < prices.Length; i++) Set(prices[i], sizes[i]);
    }

    /// <summary>Index of the price, or the bitwise complement of where it would be inserted.</summary>
    private int Find(decimal price)
    {
        int lo = 0, hi = _count - 1;
        while (lo <= hi)
        {
            var mid = lo + ((hi - lo) >> 1);
            var c = _prices[mid].CompareTo(price);
            if (!_isBid) c = -c;
            if (c == 0) return mid;
            if (c < 0) lo = mid + 1;
            else hi = mid - 1;
        }
        return ~lo;
    }

    private void InsertAt(int index, decimal price, decimal size)
    {
        EnsureCapacity(_count + 1);
        if (index < _count)
        {
            Array.Copy(_prices, index, _prices, index + 1, _count - index);
            Array.Copy(_sizes, index, _sizes, index + 1, _count - index);
        }
        _prices[index] = price;
        _sizes[index] = size;
        _count++;
    }

    private void RemoveAt(int index)
    {
        _count--;
        if (index < _count)
        {
            Array.Copy(_prices, index + 1, _prices, index, _count - index);
            Array.Copy(_sizes, index + 1, _sizes, index, _count - index);
        }
    }

    private void EnsureCapacity(int needed)
    {
        if (needed <= _prices.Length) return;
        var size = Math.Max(needed, _prices.Length * 2);
        Array.Resize(ref _prices, size);
        Array.Resize(ref _sizes, size);
    }
}
