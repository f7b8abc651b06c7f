namespace Trader.Domain.Triggers;

/// <summary>
/// Sliding-window maximum (or minimum) over the last N values in amortised O(1): a deque of candidate
/// positions whose values are strictly monotone, so the front is always the extreme of the window.
/// </summary>
internal sealed class MonotonicWindow
{
    private readonly int _length;
    private readonly bool _max;
    private readonly long[] _positions;
    private readonly decimal[] _values;
    private long _head;
    private long _tail;

    public MonotonicWindow(int length, bool max)
    {
        _length = length;
        _max = max;
        _positions = new long[length + 1];
        _values = new decimal[length + 1];
    }

    /// <summary>Adds the value at <paramref name="position"/> (positions strictly increase by one per call).</summary>
    public void Push(long position, decimal value)
    {
        while (_tail > _head)
        {
            var back = _values[(_tail - 1) % _values.Length];
            if (_max ? back > value : back < value) break;
            _tail--;
        }
        _positions[_tail % _positions.Length] = position;
        _values[_tail % _values.Length] = value;
        _tail++;
        while (_positions[_head % _positions.Length] <= position - _length) _head++;
    }

    public decimal Extreme => _values[_head % _values.Length];
}
