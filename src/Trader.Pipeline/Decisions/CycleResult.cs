using Trader.Domain.Decisions;

namespace Trader.Pipeline.Decisions;

/// <summary>
/// What one cycle did: its outcome (<see cref="CycleOutcomes"/>), how many orders risk approved and how many
/// proposals it rejected, how many orders the execution port accepted, how many stage errors were caught,
/// its latency on the injected clock, and the decision itself (null when the cycle failed before deciding).
/// </summary>
public sealed record CycleResult(
    long CycleId,
    DateTimeOffset Now,
    string Outcome,
    int Approved,
    int Rejected,
    int Submitted,
    int Errors,
    TimeSpan Latency,
    Decision? Decision);
