namespace Trader.Coinbase.Feed;

/// <summary>
/// Exponential backoff with full jitter: delay n (0-based) is uniform in [0, min(cap, base × 2^n)], from a
/// seeded generator so a test or a replay sees the same delays. Not thread-safe.
/// </summary>
public sealed class FullJitterBackoff
{
    private readonly TimeSpan _base;
    private readonly TimeSpan _cap;
    private readonly Random _random;

    public FullJitterBackoff(TimeSpan @base, TimeSpan cap, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(@base, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(cap, @base);
        _base = @base;
        _cap = cap;
        _random = new Random(seed);
    }

    /// <summary>The upper bound of delay <paramref name="attempt"/>.</summary>
    public TimeSpan Ceiling(int attempt)
    {
        var exponent = Math.Clamp(attempt, 0, 62);
        var ticks = _base.Ticks * Math.Pow(2, exponent);
        return ticks >= _cap.Ticks ? _cap : TimeSpan.FromTicks((long)ticks);
    }

    public TimeSpan Next(int attempt) => TimeSpan.FromTicks((long)(_random.NextDouble() * Ceiling(attempt).Ticks));
}
