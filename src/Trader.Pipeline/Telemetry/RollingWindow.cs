namespace Trader.Pipeline.Telemetry;

/// <summary>
/// The raw samples of the last <see cref="Length"/> on the clock, at most <see cref="Capacity"/> of them (a ring
/// buffer: the oldest sample is overwritten first). Adding is O(1) and allocation-free under a short lock; reading
/// copies the samples still inside the window. Thread-safe.
/// </summary>
public sealed class RollingWindow
{
    private readonly long[] _ticks;
    private readonly double[] _values;
    private readonly object _gate = new();
    private int _next;
    private int _count;

    public RollingWindow(TimeSpan length, int capacity)
    {
        if (length <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(length), "the window must be positive");
        if (capacity < 1) throw new ArgumentOutOfRangeException(nameof(capacity), "the window holds at least one sample");
        Length = length;
        Capacity = capacity;
        _ticks = new long[capacity];
        _values = new double[capacity];
    }

    public TimeSpan Length { get; }

    public int Capacity { get; }

    public void Add(DateTimeOffset ts, double value)
    {
        lock (_gate)
        {
            _ticks[_next] = ts.UtcTicks;
            _values[_next] = value;
            _next = (_next + 1) % Capacity;
            if (_count < Capacity) _count++;
        }
    }

    /// <summary>The samples recorded within (now − Length, now], in no particular order.</summary>
    public double[] ValuesAt(DateTimeOffset now)
    {
        var from = now.UtcTicks - Length.Ticks;
        var to = now.UtcTicks;
        lock (_gate)
        {
            var kept = 0;
            for (var i = 0; i < _count; i++)
                if (_ticks[i] > from && _ticks[i] <= to) kept++;
            var result = new double[kept];
            var k = 0;
            for (var i = 0; i < _count; i++)
                if (_ticks[i] > from && _ticks[i] <= to) result[k++] = _values[i];
            return result;
        }
    }
}
