namespace Trader.Domain.Market;

/// <summary>What applying one <c>l2_data</c> event did to a book.</summary>
public enum BookApplyOutcome : byte
{
    SnapshotApplied,
    UpdateApplied,

    /// <summary>An update arrived while the book waits for a snapshot; it was dropped and counted.</summary>
    IgnoredAwaitingSnapshot,

    /// <summary>The event is for another product.</summary>
    WrongProduct,
}
