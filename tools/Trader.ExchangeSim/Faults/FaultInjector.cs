namespace Trader.ExchangeSim.Faults;

/// <summary>Draws the faults of <see cref="FaultOptions"/> from one seeded RNG (thread-safe) and counts what it
/// injected, so tests and the operator can see each fault happen.</summary>
internal sealed class FaultInjector
{
    private readonly Random _random;
    private readonly object _gate = new();
    private readonly DateTimeOffset _start;

    public FaultInjector(FaultOptions options, int seed, DateTimeOffset start)
    {
        Options = options;
        _random = new Random(seed);
        _start = start;
    }

    public FaultOptions Options { get; }
    public FaultCounters Counters { get; } = new();

    public bool Roll(double probability)
    {
        if (probability <= 0) return false;
        lock (_gate) return _random.NextDouble() < probability;
    }

    /// <summary>The end of the stall window that contains <paramref name="now"/>, or null outside stalls.</summary>
    public DateTimeOffset? StallUntil(DateTimeOffset now)
    {
        if (Options.StallEvery is not { } every || Options.StallFor <= TimeSpan.Zero) return null;
        var elapsed = now - _start;
        if (elapsed < every) return null;
        var windowStart = _start + TimeSpan.FromTicks(elapsed.Ticks / every.Ticks * every.Ticks);
        var windowEnd = windowStart + Options.StallFor;
        return now < windowEnd ? windowEnd : null;
    }
}
