namespace Trader.Domain.Triggers;

/// <summary>
/// The triggers of a cycle, strongest first, at most signals.triggers.max_triggers_per_cycle of them;
/// <see cref="Fired"/> counts every product whose strongest trigger passed min_score before the cap.
/// </summary>
public sealed record TriggerScan(IReadOnlyList<TriggerSignal> Signals, int Fired);
