using Trader.Pipeline.Scheduling;
using Trader.Testing;

namespace Trader.Pipeline.Tests.Scheduling;

public sealed class JitteredCycleSchedulerTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(60);

    private static List<DateTimeOffset> RunCycles(int seed, decimal jitterPct, int cycles)
    {
        var clock = VirtualTime.Create();
        var fired = new List<DateTimeOffset>();
        using var scheduler = new JitteredCycleScheduler(clock, Interval, jitterPct, seed, tick =>
        {
            fired.Add(clock.Now);
            Assert.Equal(tick.Due, clock.Now);
            return Task.CompletedTask;
        });
        scheduler.Start();
        while (fired.Count < cycles)
            clock.AdvanceTo(clock.NextDue!.Value);
        return fired;
    }

    [Fact]
    [Trait("Req", "REQ-SCH1")]
    public void Over_1000_cycles_every_wait_is_interval_plus_0_to_10_percent_and_the_offsets_are_randomized()
    {
        var fired = RunCycles(seed: 42, jitterPct: 10m, cycles: 1000);

        var offsets = new List<double>();
        var previous = VirtualTime.Epoch;
        foreach (var at in fired)
        {
            var wait = at - previous;
            Assert.InRange(wait, Interval, Interval * 1.1);
            Assert.NotEqual(Interval * 1.1, wait);
            offsets.Add((wait - Interval) / Interval);
            previous = at;
        }

        // Randomized, not constant: the offsets spread over the whole 0–10 % range, roughly uniformly.
        Assert.True(offsets.Distinct().Count() > 990, "offsets should almost never repeat");
        Assert.InRange(offsets.Average(), 0.045, 0.055);
        Assert.True(offsets.Min() < 0.005 && offsets.Max() > 0.095, $"range {offsets.Min()}..{offsets.Max()}");
        var perDecile = offsets.GroupBy(o => (int)(o * 100)).Select(g => g.Count()).ToList();
        Assert.Equal(10, perDecile.Count);
        Assert.All(perDecile, n => Assert.InRange(n, 60, 140));
    }

    [Fact]
    [Trait("Req", "REQ-SCH1")]
    public void The_same_seed_gives_the_same_schedule_and_another_seed_a_different_one()
    {
        Assert.Equal(RunCycles(7, 10m, 200), RunCycles(7, 10m, 200));
        Assert.NotEqual(RunCycles(7, 10m, 200), RunCycles(8, 10m, 200));
    }

    [Fact]
    [Trait("Req", "REQ-SCH1")]
    public void Zero_jitter_gives_the_plain_interval()
    {
        var fired = RunCycles(seed: 1, jitterPct: 0m, cycles: 5);
        Assert.Equal(Enumerable.Range(1, 5).Select(i => VirtualTime.Epoch + Interval * i), fired);
    }

    [Fact]
    public async Task A_cycle_still_running_when_the_next_is_due_makes_that_one_skipped_not_queued()
    {
        var clock = VirtualTime.Create();
        var release = new TaskCompletionSource();
        var started = new List<long>();
        var skippedAt = new List<DateTimeOffset>();
        using var scheduler = new JitteredCycleScheduler(clock, Interval, 0m, 1, tick =>
        {
            started.Add(tick.CycleId);
            return tick.CycleId == 1 ? release.Task : Task.CompletedTask;
        });
        scheduler.CycleSkipped += skippedAt.Add;
        scheduler.Start();

        clock.AdvanceBy(Interval * 3); // cycle 1 starts at 60 s and hangs; 120 s and 180 s are skipped
        Assert.Equal([1L], started);
        Assert.Equal(2, scheduler.Skipped);
        Assert.Equal([VirtualTime.Epoch + Interval * 2, VirtualTime.Epoch + Interval * 3], skippedAt);

        release.SetResult();
        await scheduler.Running;
        clock.AdvanceBy(Interval);
        Assert.Equal([1L, 2L], started);
        Assert.Equal(2, scheduler.Cycles);
    }

    [Fact]
    public void A_throwing_cycle_does_not_stop_the_schedule_and_stop_prevents_further_cycles()
    {
        var clock = VirtualTime.Create();
        var count = 0;
        var scheduler = new JitteredCycleScheduler(clock, Interval, 0m, 1, _ =>
        {
            count++;
            throw new InvalidOperationException("boom");
        });
        scheduler.Start();
        clock.AdvanceBy(Interval * 3);
        Assert.Equal(3, count);

        scheduler.Stop();
        clock.AdvanceBy(Interval * 3);
        Assert.Equal(3, count);
    }
}
