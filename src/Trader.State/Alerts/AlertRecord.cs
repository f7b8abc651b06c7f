namespace Trader.State.Alerts;

/// <summary>
/// A raised alert (CONTRACTS.md §7): kind, severity (<c>info</c>, <c>warning</c>, <c>critical</c>), product or none,
/// message, dedupe key, when raised, whether escalated or resolved, and its delivery state per sink.
/// </summary>
public sealed record AlertRecord
{
    public long Id { get; init; }
    public required string Kind { get; init; }
    public required string Severity { get; init; }
    public string? ProductId { get; init; }
    public required string Message { get; init; }
    public required string DedupeKey { get; init; }
    public required DateTimeOffset Ts { get; init; }
    public bool Escalated { get; init; }
    public DateTimeOffset? EscalatedTs { get; init; }
    public bool Resolved { get; init; }
    public DateTimeOffset? ResolvedTs { get; init; }
    public IReadOnlyList<AlertDelivery> Deliveries { get; init; } = [];
}
