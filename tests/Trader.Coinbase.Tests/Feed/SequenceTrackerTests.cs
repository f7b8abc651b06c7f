using Trader.Coinbase.Feed;
using Trader.Domain.Market;

namespace Trader.Coinbase.Tests.Feed;

public sealed class SequenceTrackerTests
{
    [Fact]
    public void In_order_numbers_across_channels_are_one_count()
    {
        var t = new SequenceTracker();
        Assert.Equal(SequenceVerdict.First, t.Observe(246).Verdict);
        Assert.Equal(SequenceVerdict.InOrder, t.Observe(247).Verdict);
        Assert.Equal(SequenceVerdict.InOrder, t.Observe(248).Verdict);
        Assert.Equal((0L, 248L), (t.Gaps, t.Last!.Value));
    }

    [Fact]
    public void A_jump_is_a_gap_with_expected_and_got()
    {
        var t = new SequenceTracker();
        t.Observe(0);
        t.Observe(1);
        var o = t.Observe(5);
        Assert.Equal(new SequenceObservation(SequenceVerdict.Gap, 2, 5), o);
        Assert.Equal(3, o.Missing);
        Assert.True(o.ShouldApply);
        Assert.Equal((1L, 3L), (t.Gaps, t.MissingFrames));
        Assert.Equal(SequenceVerdict.InOrder, t.Observe(6).Verdict);
    }

    [Fact]
    public void Duplicates_and_lower_numbers_are_ignored_and_counted()
    {
        var t = new SequenceTracker();
        t.Observe(10);
        t.Observe(11);
        var dup = t.Observe(11);
        var late = t.Observe(9);
        Assert.Equal((SequenceVerdict.Duplicate, false), (dup.Verdict, dup.ShouldApply));
        Assert.Equal((SequenceVerdict.OutOfOrder, false), (late.Verdict, late.ShouldApply));
        Assert.Equal((1L, 1L, 11L), (t.Duplicates, t.OutOfOrder, t.Last!.Value));
        Assert.Equal(SequenceVerdict.InOrder, t.Observe(12).Verdict);
    }

    [Fact]
    public void Reset_on_reconnect_starts_a_new_count()
    {
        var t = new SequenceTracker();
        t.Observe(500);
        t.Reset();
        Assert.Equal(SequenceVerdict.First, t.Observe(0).Verdict);
        Assert.Equal(SequenceVerdict.InOrder, t.Observe(1).Verdict);
        Assert.Equal((0L, 0L, 1L), (t.Gaps, t.OutOfOrder, t.Resets));
    }

    [Fact]
    public void Heartbeat_counter_gaps_are_counted()
    {
        var t0 = new DateTimeOffset(2026, 9, 30, 2, 37, 15, TimeSpan.Zero);
        var h = new HeartbeatTracker();
        Assert.False(h.Observe(new HeartbeatEvent(21697, t0, t0)).IsGap);
        Assert.False(h.Observe(new HeartbeatEvent(21698, t0.AddSeconds(1), t0.AddSeconds(1))).IsGap);
        var gap = h.Observe(new HeartbeatEvent(21702, t0.AddSeconds(5), t0.AddSeconds(5.2)));
        Assert.Equal(new HeartbeatObservation(21702, 21698, 3), gap);
        Assert.Equal((1L, 3L, 3L), (h.CounterGaps, h.MissedBeats, h.Count));
        Assert.Equal(TimeSpan.FromSeconds(1.8), h.SinceLast(t0.AddSeconds(7)));

        h.Reset();
        Assert.Null(h.SinceLast(t0.AddSeconds(8)));
        Assert.False(h.Observe(new HeartbeatEvent(1, t0.AddSeconds(9), t0.AddSeconds(9))).IsGap);
    }
}
