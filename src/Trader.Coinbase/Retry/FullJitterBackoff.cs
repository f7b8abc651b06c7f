namespace Trader.Coinbase.Retry;

/// <summary>
/// The REQ-CB1 delay (CONTRACTS.md §9): before attempt n+1, after n attempts, wait
/// U[0, min(5 s, 0.2 s × 2^(n−1))] — "full jitter" (millisecond resolution). Polly's own jitter is decorrelated, so this is supplied
/// to Polly as its delay generator. The random source is injectable (seeded in tests) and draws are serialized.
/// </summary>
public sealed class FullJitterBackoff
{
    public static readonly TimeSpan BaseDelay = TimeSpan.FromMilliseconds(200);
    public static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(5);

    private readonly Random _random;
    private readonly object _gate = new();

    public FullJitterBackoff(Random random) => _random = random ?? throw new ArgumentNullException(nameof(random));

    /// <summary>The upper bound of the wait after <paramref name="attemptsMade"/> attempts (n ≥ 1).</summary>
    public static TimeSpan Cap(int attemptsMade)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attemptsMade, 1);
        if (attemptsMade > 16) return MaxDelay;
        var ticks = BaseDelay.Ticks << (attemptsMade - 1);
        return ticks >= MaxDelay.Ticks ? MaxDelay : TimeSpan.FromTicks(ticks);
    }

    /// <summary>
    /// Cap(n) × u for the next draw u ∈ [0, 1), truncated to whole milliseconds: <c>Task.Delay</c> on a
    /// TimeProvider (which Polly uses) waits whole milliseconds, so the delay reported is the delay waited.
    /// </summary>
    public TimeSpan NextDelay(int attemptsMade)
    {
        var capMs = (long)Cap(attemptsMade).TotalMilliseconds;
        double u;
        lock (_gate) u = _random.NextDouble();
        return TimeSpan.FromTicks((long)(capMs * u) * TimeSpan.TicksPerMillisecond);
    }
}
