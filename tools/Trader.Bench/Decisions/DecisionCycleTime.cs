using Trader.Pipeline.Clock;

namespace Trader.Bench.Decisions;

/// <summary>"Now" from the virtual clock (so quotes are fresh), timestamps from the real stopwatch (so latency is real).</summary>
internal sealed class VirtualNowStopwatchTime(VirtualClock clock) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => clock.Now;
}
