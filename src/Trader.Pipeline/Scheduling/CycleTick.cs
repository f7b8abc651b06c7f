namespace Trader.Pipeline.Scheduling;

/// <summary>One decision cycle: its id (1, 2, …) and the clock instant it was due.</summary>
public readonly record struct CycleTick(long CycleId, DateTimeOffset Due);
