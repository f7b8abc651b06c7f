namespace Trader.Coinbase.Feed;

/// <summary>The verdict on one <c>sequence_num</c>: what was expected and what came.</summary>
public readonly record struct SequenceObservation(SequenceVerdict Verdict, long Expected, long Got)
{
    /// <summary>Frames dropped before this one (0 unless a gap).</summary>
    public long Missing => Verdict == SequenceVerdict.Gap ? Got - Expected : 0;

    /// <summary>False for duplicates and out-of-order frames: their events must not be applied again.</summary>
    public bool ShouldApply => Verdict is SequenceVerdict.First or SequenceVerdict.InOrder or SequenceVerdict.Gap;
}
