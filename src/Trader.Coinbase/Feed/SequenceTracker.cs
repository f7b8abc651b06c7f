namespace Trader.Coinbase.Feed;

/// <summary>
/// Tracks <c>sequence_num</c>, which Coinbase keeps as <b>one counter per connection</b> across all channels and
/// products: +1 per frame. A jump is a gap (frames lost; there is no replay, so the consumer resubscribes), an
/// equal or lower number is a duplicate or late frame (ignored and counted). <see cref="Reset"/> on every new
/// connection, where the count starts again. Not thread-safe.
/// </summary>
public sealed class SequenceTracker
{
    public long? Last { get; private set; }

    public long Gaps { get; private set; }

    public long MissingFrames { get; private set; }

    public long Duplicates { get; private set; }

    public long OutOfOrder { get; private set; }

    public long Resets { get; private set; }

    public SequenceObservation Observe(long sequence)
    {
        if (Last is not { } last)
        {
            Last = sequence;
            return new SequenceObservation(SequenceVerdict.First, sequence, sequence);
        }

        var expected = last + 1;
        if (sequence == expected)
        {
            Last = sequence;
            return new SequenceObservation(SequenceVerdict.InOrder, expected, sequence);
        }
        if (sequence > expected)
        {
            Gaps++;
            MissingFrames += sequence - expected;
            Last = sequence;
            return new SequenceObservation(SequenceVerdict.Gap, expected, sequence);
        }
        if (sequence == last)
        {
            Duplicates++;
            return new SequenceObservation(SequenceVerdict.Duplicate, expected, sequence);
        }
        OutOfOrder++;
        return new SequenceObservation(SequenceVerdict.OutOfOrder, expected, sequence);
    }

    /// <summary>A new connection: the next number starts a new count. Totals are kept.</summary>
    public void Reset()
    {
        Last = null;
        Resets++;
    }
}
