using Trader.Pipeline.Clock;

namespace Trader.Testing;

/// <summary>Factory for the virtual clock tests run on (DESIGN.md §3), starting at a fixed, readable instant.</summary>
public static class VirtualTime
{
    public static readonly DateTimeOffset Epoch = new(2025, 1, 6, 12, 0, 0, TimeSpan.Zero);

    public static VirtualClock Create() => new(Epoch);

    public static VirtualClock Create(DateTimeOffset start) => new(start);

    /// <summary>
    /// Advances the clock from one pending due time to the next until <paramref name="done"/> holds.
    /// Between steps it waits (in real time, briefly) for thread-pool continuations to schedule their next
    /// timer, so asynchronous code such as a Polly retry loop sees every delay start at the right instant.
    /// </summary>
    public static async Task DriveUntilAsync(VirtualClock clock, Func<bool> done, TimeSpan maxVirtual)
    {
        var limit = clock.Now + maxVirtual;
        while (!done())
        {
            var due = await WaitForPendingAsync(clock, done);
            if (done()) return;
            if (due is null || due > limit)
                throw new TimeoutException($"nothing left to run before {limit:O} and the condition is still false");
            clock.AdvanceTo(due.Value);
        }
    }

    private static async Task<DateTimeOffset?> WaitForPendingAsync(VirtualClock clock, Func<bool> done)
    {
        var realDeadline = TimeProvider.System.GetTimestamp() + TimeProvider.System.TimestampFrequency * 5;
        while (TimeProvider.System.GetTimestamp() < realDeadline)
        {
            if (done()) return null;
            var due = clock.NextDue;
            if (due is not null) return due;
            await Task.Yield();
        }
        return clock.NextDue;
    }
}
