using Trader.Domain.Market;

namespace Trader.Pipeline.Market;

/// <summary>
/// The last N closed candles of one product (oldest overwritten first) with a running notional (volume × close)
/// over a trailing window, so <see cref="NotionalSince"/> is amortised O(1) per call when "since" moves forward
/// instead of a rescan of a day of candles per product per cycle. Candles must be added in increasing start
/// order (the caller drops older ones). Not thread-safe.
/// </summary>
internal sealed class CandleRing
{
    // The running sum is recomputed from the candles this often, so any rounding of a decimal sum that
    // outgrew 28 digits cannot accumulate across a long run.
    private const int ResumEvery = 1024;

    private readonly Candle[] _items;
    private long _added;
    private long _windowStart;
    private decimal _windowNotional;

    // How many candles of the window have a notional of each decimal scale: a fresh sum of the window has the
    // largest of them, and the running sum (which also saw evicted candles) is brought back to it.
    private readonly int[] _windowScales = new int[29];

    public CandleRing(int capacity) => _items = new Candle[capacity];

    public int Count => (int)Math.Min(_added, _items.Length);

    public Candle Last => _items[(_added - 1) % _items.Length];

    public void Add(in Candle candle)
    {
        if (_added >= _items.Length)
        {
            var evicted = _added - _items.Length;
            if (_windowStart <= evicted)
            {
                Leave(At(evicted));
                _windowStart = evicted + 1;
            }
        }
        _items[_added % _items.Length] = candle;
        _added++;
        Enter(candle);
        if (_added % ResumEvery == 0) Resum();
    }

    /// <summary>Sum of volume × close over the held candles that closed after <paramref name="since"/>.</summary>
    public decimal NotionalSince(DateTimeOffset since)
    {
        var oldest = _added - Count;
        while (_windowStart < _added && At(_windowStart).End <= since)
        {
            Leave(At(_windowStart));
            _windowStart++;
        }
        while (_windowStart > oldest && At(_windowStart - 1).End > since)
        {
            _windowStart--;
            Enter(At(_windowStart));
        }
        if (_windowStart == _added) return 0m;
        var scale = _windowScales.Length - 1;
        while (_windowScales[scale] == 0) scale--;
        return _windowNotional.Scale > scale ? Math.Round(_windowNotional, scale) : _windowNotional;
    }

    private ref readonly Candle At(long index) => ref _items[index % _items.Length];

    private static decimal Notional(in Candle candle) => candle.Volume * candle.Close;

    private void Enter(in Candle candle)
    {
        var notional = Notional(candle);
        _windowNotional += notional;
        _windowScales[notional.Scale]++;
    }

    private void Leave(in Candle candle)
    {
        var notional = Notional(candle);
        _windowNotional -= notional;
        _windowScales[notional.Scale]--;
    }

    private void Resum()
    {
        var total = 0m;
        for (var i = _added - 1; i >= _windowStart; i--) total += Notional(At(i));
        _windowNotional = total;
    }
}
