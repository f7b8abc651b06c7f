using Trader.Pipeline.Clock;

namespace Trader.Coinbase.Tests.Rest;

/// <summary>
/// Runs an operation that talks to a real local server while its timers live on a virtual clock. The clock
/// jumps to the next due timer only when <c>mayAdvanceTo(due)</c> allows it; by default only to timers at most
/// 5 s ahead (a REQ-CB1 retry wait), never to the 30 s request timeout of a request that is still on the wire.
/// A test that wants a timeout to fire allows it once the server holds the request.
/// </summary>
public static class ClockDriver
{
    public static readonly TimeSpan RetryWindow = TimeSpan.FromSeconds(5);

    public static async Task<T> RunAsync<T>(VirtualClock clock, Func<Task<T>> operation, Func<DateTimeOffset, bool>? mayAdvanceTo = null)
    {
        mayAdvanceTo ??= due => due - clock.Now <= RetryWindow;
        var task = Task.Run(operation);
        var realDeadline = TimeProvider.System.GetTimestamp() + TimeProvider.System.TimestampFrequency * 20;
        while (!task.IsCompleted)
        {
            if (TimeProvider.System.GetTimestamp() > realDeadline)
                throw new TimeoutException($"the operation did not finish; virtual time {clock.Now:O}, next due {clock.NextDue:O}");
            if (clock.NextDue is { } due && mayAdvanceTo(due)) clock.AdvanceTo(due < clock.Now ? clock.Now : due);
            // realtime-ok: the operation is waiting on a real socket; this only waits for it (or for 1 ms) in real
            // time instead of spinning on the 2 shared cores, and never moves the virtual clock.
            else await Task.WhenAny(task, Task.Delay(TimeSpan.FromMilliseconds(1), TimeProvider.System)); // realtime-ok: yield 1 ms to the socket while the virtual clock waits for the request
        }
        return await task;
    }

    /// <summary>
    /// Also lets the clock reach the timeout of a request the server is holding open (its arrival + <paramref name="timeout"/>),
    /// but never the timeout of a request that is merely in flight.
    /// </summary>
    public static Func<DateTimeOffset, bool> RetryWaitsAndHungRequestTimeouts(VirtualClock clock, ScriptedServer server, TimeSpan timeout) =>
        due => due - clock.Now <= RetryWindow || server.HangStarts.Any(start => start + timeout == due);
}
