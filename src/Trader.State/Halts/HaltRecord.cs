namespace Trader.State.Halts;

/// <summary>
/// A safety gate's activation: <see cref="Gate"/> (e.g. <c>kill_switch</c>, <c>staleness</c>), <see cref="Scope"/>
/// (<c>all</c> or a product id), the reason code, and, once cleared, when, by whom and why.
/// </summary>
public sealed record HaltRecord(
    long Id,
    string Gate,
    string Scope,
    string HaltReason,
    DateTimeOffset ActivatedTs,
    DateTimeOffset? ClearedTs,
    string? ClearedBy,
    string? ClearedReason)
{
    public bool IsActive => ClearedTs is null;
}
