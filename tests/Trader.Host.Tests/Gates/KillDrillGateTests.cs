using Trader.Domain.Config;
using Trader.Host.Drill;
using Trader.Host.Gates;
using Trader.Host.Modes;
using Trader.Host.Secrets;
using Trader.State.Evidence;
using Trader.Testing;

namespace Trader.Host.Tests.Gates;

[Trait("Req", "REQ-K1")]
public sealed class KillDrillGateTests
{
    private static readonly DateTimeOffset Now = VirtualTime.Epoch;
    private static readonly LiveRequest Request = new(null, new TraderConfig(),
        SecretsStatus.Load(new SecretsSection(), _ => null, VirtualTime.Create().TimeProvider));
    private long _id;

    /// <summary>A drill as `trader drill kill` records it (its own <see cref="KillDrillResult.ToJson"/>); <paramref name="passed"/> as claimed.</summary>
    private EvidenceRecord Drill(TimeSpan ago, bool passed = true, long detect = 300, long alert = 301, long cancel = 2_000, int left = 0) =>
        new(++_id, KillDrill.EvidenceKind, Now - ago, new KillDrillResult(detect, alert, cancel, 2, left, passed).ToJson());

    private static GateVerdict Evaluate(params EvidenceRecord[] drills) =>
        new KillDrillGate(new GateEvidence(Now, [], drills, null, _ => null)).Evaluate(Request);

    [Fact]
    public void A_passing_drill_within_7_days_meets_the_gate()
    {
        var verdict = Evaluate(Drill(TimeSpan.FromDays(6.9)));
        Assert.True(verdict.Met);
        Assert.Contains("detect 300 ms, alert 301 ms, cancel-all 2000 ms, 2 cancelled, 0 left", verdict.Detail);
    }

    [Fact]
    public void A_drill_8_days_old_is_stale()
    {
        var verdict = Evaluate(Drill(TimeSpan.FromDays(8)));
        Assert.False(verdict.Met);
        Assert.Contains("8.0 days old", verdict.Detail);
        Assert.Contains("trader drill kill", verdict.Remedy);
    }

    [Fact]
    public void A_newer_failing_drill_is_not_hidden_by_an_older_passing_one()
    {
        var verdict = Evaluate(Drill(TimeSpan.FromDays(2)), Drill(TimeSpan.FromDays(1), passed: false, cancel: 12_000, left: 1));
        Assert.False(verdict.Met);
        Assert.Contains("failed", verdict.Detail);
    }

    [Theory]
    [InlineData(3_001, 3_002, 3_003, 0)]
    [InlineData(100, 5_001, 100, 0)]
    [InlineData(100, 100, 10_001, 0)]
    [InlineData(100, 100, 100, 1)]
    public void A_drill_that_says_passed_but_misses_the_REQ_K1_deadlines_does_not_count(long detect, long alert, long cancel, int left)
    {
        var verdict = Evaluate(Drill(TimeSpan.FromHours(1), detect: detect, alert: alert, cancel: cancel, left: left));
        Assert.False(verdict.Met);
        Assert.Contains("misses REQ-K1", verdict.Detail);
    }

    [Fact]
    public void A_drill_that_never_measured_reads_as_failed_with_its_error()
    {
        var failed = new EvidenceRecord(9, KillDrill.EvidenceKind, Now - TimeSpan.FromHours(1), KillDrillResult.Failed("the simulator did not start").ToJson());
        var verdict = Evaluate(failed);
        Assert.False(verdict.Met);
        Assert.Contains("failed: detect never, alert never, cancel-all never, 0 cancelled, 0 left (the simulator did not start)", verdict.Detail);
    }

    [Fact]
    public void An_unreadable_drill_is_unmet_not_a_crash()
    {
        var verdict = Evaluate(new EvidenceRecord(1, KillDrill.EvidenceKind, Now, "not json"));
        Assert.False(verdict.Met);
        Assert.Contains("unreadable", verdict.Detail);
    }
}
