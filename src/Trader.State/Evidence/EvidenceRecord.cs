namespace Trader.State.Evidence;

/// <summary>
/// A piece of go-live evidence (kill-switch drill result, paper rehearsal span, clock check…): its kind, when it was
/// taken, and a JSON payload the gate that reads it understands.
/// </summary>
public sealed record EvidenceRecord(long Id, string Kind, DateTimeOffset Ts, string PayloadJson);
