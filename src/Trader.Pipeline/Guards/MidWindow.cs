namespace Trader.Pipeline.Guards;

/// <summary>
/// Rolling window of (time, mid) samples of one product with running sums for mean and σ. A ring buffer that
/// only grows (doubling) when a burst outgrows it, so steady-state ticks allocate nothing. Sums are kept of
/// (mid − shift), with the shift re-anchored whenever the window empties, so they do not lose precision on
/// large prices.
/// </summary>
internal sealed class MidWindow
{
    private long[] _ticks;
    private double[] _mids;
    private int _head;
    private int _count;
    private double _shift;
    private double _sum;
    private double _sumSquares;

    public MidWindow(int initialCapacity = 256)
    {
        _ticks = new long[initialCapacity];
        _mids = new double[initialCapacity];
    }

    public int Count => _count;

    public int ConsecutiveOutliers { get; set; }

    public double Mean => _count == 0 ? 0 : _shift + _sum / _count;

    /// <summary>Population standard deviation of the mids in the window.</summary>
    public double StdDev
    {
        get
        {
            if (_count < 2) return 0;
            var mean = _sum / _count;
            var variance = _sumSquares / _count - mean * mean;
            return variance > 0 ? Math.Sqrt(variance) : 0;
        }
    }

    /// <summary>Drops samples older than <paramref name="oldestAllowedTicks"/>.</summary>
    public void Evict(long oldestAllowedTicks)
    {
        while (_count > 0 && _ticks[_head] < oldestAllowedTicks)
        {
            var x = _mids[_head] - _shift;
            _sum -= x;
            _sumSquares -= x * x;
            _head = (_head + 1) % _ticks.Length;
            _count--;
        }
        if (_count == 0) Clear();
    }

    public void Add(long ticks, double mid)
    {
        if (_count == 0) _shift = mid;
        if (_count == _ticks.Length) Grow();
        var tail = (_head + _count) % _ticks.Length;
        _ticks[tail] = ticks;
        _mids[tail] = mid;
        _count++;
        var x = mid - _shift;
        _sum += x;
        _sumSquares += x * x;
    }

    public void Clear()
    {
        _head = 0;
        _count = 0;
        _sum = 0;
        _sumSquares = 0;
    }

    private void Grow()
    {
        var ticks = new long[_ticks.Length * 2];
        var mids = new double[_mids.Length * 2];
        for (var i = 0; i < _count; i++)
        {
            var j = (_head + i) % _ticks.Length;
            ticks[i] = _ticks[j];
            mids[i] = _mids[j];
        }
        _ticks = ticks;
        _mids = mids;
        _head = 0;
    }
}
