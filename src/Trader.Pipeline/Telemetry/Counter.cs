namespace Trader.Pipeline.Telemetry;

/// <summary>A monotonically increasing count; lock-free and allocation-free. Thread-safe.</summary>
public sealed class Counter
{
    private long _value;

    public long Value => Interlocked.Read(ref _value);

    public void Increment() => Interlocked.Increment(ref _value);
}
