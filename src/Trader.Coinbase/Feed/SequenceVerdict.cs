namespace Trader.Coinbase.Feed;

/// <summary>How a frame's <c>sequence_num</c> relates to the last one seen on the connection.</summary>
public enum SequenceVerdict : byte
{
    /// <summary>The first frame of a connection: any number starts the count.</summary>
    First,

    /// <summary>Exactly one more than the last.</summary>
    InOrder,

    /// <summary>More than one more: frames were dropped (the venue has no replay; resync).</summary>
    Gap,

    /// <summary>Equal to the last: ignored and counted.</summary>
    Duplicate,

    /// <summary>Below the last: late or replayed; ignored and counted.</summary>
    OutOfOrder,
}
