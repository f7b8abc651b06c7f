using System.Reactive.Concurrency;
using Trader.Pipeline.Clock;

namespace Trader.Host.Composition;

/// <summary>
/// The composition root's clock: the only place real time is created (DESIGN.md §3). Everything below the
/// host receives a <see cref="TraderClock"/>; commands that run in virtual time (replay, backtest, demo)
/// create a <see cref="VirtualClock"/> instead.
/// </summary>
public sealed class ProcessClock
{
    public ProcessClock(TraderClock real) => Real = real;

    public TraderClock Real { get; }

#pragma warning disable RS0030 // the composition root is where the wall clock is allowed (DESIGN.md §3)
    public static ProcessClock System() => new(new TraderClock(DefaultScheduler.Instance, TimeProvider.System));
#pragma warning restore RS0030
}
