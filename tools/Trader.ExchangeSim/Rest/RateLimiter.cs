namespace Trader.ExchangeSim.Rest;

/// <summary>Fixed one-second windows per caller (API key for private endpoints, IP for public ones), on the
/// simulator's clock (wire-format.md §2.12).</summary>
internal sealed class RateLimiter
{
    private readonly Dictionary<string, (long Window, int Count)> _windows = new(StringComparer.Ordinal);
    private readonly TimeProvider _clock;

    public RateLimiter(TimeProvider clock) => _clock = clock;

    /// <summary>Counts one request; returns whether it is allowed, what remains and when the window resets (unix seconds).</summary>
    public (bool Allowed, int Remaining, long ResetUnix) Take(string caller, int limit)
    {
        var now = _clock.GetUtcNow().ToUnixTimeMilliseconds();
        var window = now / 1000;
        lock (_windows)
        {
            var (w, count) = _windows.GetValueOrDefault(caller);
            if (w != window) count = 0;
            count++;
            _windows[caller] = (window, count);
            return (count <= limit, Math.Max(0, limit - count), window + 1);
        }
    }
}
