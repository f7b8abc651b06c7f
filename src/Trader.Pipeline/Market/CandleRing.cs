using Trader.Domain.Market;

namespace Trader.Pipeline.Market;

/// <summary>The last N closed candles of one product, oldest overwritten first. Not thread-safe.</summary>
internal sealed class CandleRing
{
    private readonly Candle[] _items;
    private int _head;
    private int _count;

    public CandleRing(int capacity) => _items = new Candle[capacity];

    public int Count => _count;

    public void Add(in Candle candle)
    {
        var tail = (_head + _count) % _items.Length;
        _items[tail] = candle;
        if (_count < _items.Length) _count++;
        else _head = (_head + 1) % _items.Length;
    }

    public Candle Last => _items[(_head + _count - 1) % _items.Length];

    /// <summary>A copy, oldest first.</summary>
    public Candle[] ToArray()
    {
        var result = new Candle[_count];
        for (var i = 0; i < _count; i++)
            result[i] = _items[(_head + i) % _items.Length];
        return result;
    }

    /// <summary>Sum of volume × close over the candles that closed after <paramref name="since"/>.</summary>
    public decimal NotionalSince(DateTimeOffset since)
    {
        var total = 0m;
        for (var i = _count - 1; i >= 0; i--)
        {
            ref readonly var candle = ref _items[(_head + i) % _items.Length];
            if (candle.End <= since) break;
            total += candle.Volume * candle.Close;
        }
        return total;
    }
}
