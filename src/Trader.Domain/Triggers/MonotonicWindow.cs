using System.Numerics;

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
    private readonly long _mask; // buffers of a power-of-two length ≥ N + 1: an index is a mask, not a division
    private long _head;
    private long _tail;

    public MonotonicWindow(int length, bool max)
    {
        _length = length;
        _max = max;
        var size = (int)BitOperations.RoundUpToPowerOf2((uint)length + 1);
        _mask = size - 1;
        _positions = new long[size];
        _values = new decimal[size];
    }

    /// <summary>Adds the value at <paramref name="position"/> (positions strictly increase by one per call).</summary>
    public void Push(long position, decimal value)
    {
        while (_tail > _head)
        {
            var back = _values[(_tail - 1) & _mask];
            if (_max ? back > value : back < value) break;
            _tail--;
        }
        _positions[_tail & _mask] = position;
        _values[_tail & _mask] = value;
        _tail++;
        while (_positions[_head & _mask] <= position - _length) _head++;
    }

    public decimal Extreme => _values[_head & _mask];
}
