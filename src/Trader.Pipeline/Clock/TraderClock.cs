using System.Reactive.Concurrency;

namespace Trader.Pipeline.Clock;

/// <summary>
/// The one clock a process runs on: an Rx scheduler and a TimeProvider backed by the same source.
/// Real time is created only in the composition root (Trader.Host); tests, replay and backtest use a
/// <see cref="VirtualClock"/>.
/// </summary>
public sealed record TraderClock(IScheduler Scheduler, TimeProvider Time)
{
    public static TraderClock Virtual(VirtualClock clock) => new(clock, clock.TimeProvider);

    public DateTimeOffset Now => Time.GetUtcNow();
}
