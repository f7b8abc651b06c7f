namespace Trader.Host.Replay;

/// <summary>Alert kind and reason the feed's sequence check raises (CONTRACTS.md §7 <c>sequence_gap</c>).</summary>
public static class ReplayAlertKinds
{
    public const string SequenceGap = "sequence_gap";
}
