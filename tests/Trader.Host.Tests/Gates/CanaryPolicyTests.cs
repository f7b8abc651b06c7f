using Trader.Domain.Config;
using Trader.Host.Gates;
using Trader.State.Storage;
using Trader.Testing;

namespace Trader.Host.Tests.Gates;

/// <summary>Spec §6.5: one tier-1 position at 50 % of normal caps for 48 h after the first LIVE start.</summary>
[Trait("Req", "REQ-M1")]
public sealed class CanaryPolicyTests
{
    private static readonly TraderConfig Normal = new();

    [Fact]
    public void During_the_canary_caps_are_halved_one_position_only_and_only_tier_1_may_enter()
    {
        var canary = CanaryPolicy.Apply(Normal, new CanaryState(VirtualTime.Epoch, VirtualTime.Epoch.AddHours(47.9)));

        var risk = canary.Policy.Risk;
        Assert.Equal(7.5m, risk.MaxTotalAtRiskPct);
        Assert.Equal(2.5m, risk.MaxPositionSizePct);
        Assert.All(risk.MaxPerThemePct.Values, v => Assert.Equal(5m, v));
        Assert.Equal(1, risk.MaxOpenPositions);
        Assert.Equal(1, canary.Policy.Strategy.MaxNewPositionsPerCycle);
        Assert.Equal(0.015m, canary.Policy.Strategy.BasePositionPct["tier1"]);
        Assert.Equal(0.02m, canary.Policy.Strategy.BasePositionPct["tier2"]);
        Assert.Equal(5_000m, canary.Policy.PositionSizing.MaxOrderUsd);
        Assert.Equal(20m, canary.Universe.Tiers["tier_1_core"].Constraints.MaxAllocationPct);
        Assert.Equal(0m, canary.Universe.Tiers["tier_2_rotational"].Constraints.MaxAllocationPct);
        Assert.Equal(0m, canary.Universe.Tiers["tier_3_event_driven"].Constraints.MaxAllocationPct);
        Assert.Equal(Normal.Universe.Tiers["tier_2_rotational"].Symbols, canary.Universe.Tiers["tier_2_rotational"].Symbols);

        Assert.Equal(15m, Normal.Policy.Risk.MaxTotalAtRiskPct); // the input is untouched
        Assert.Equal(Normal.Policy.Risk.StopLossPct, risk.StopLossPct);
        Assert.Equal(Normal.Policy.CircuitBreakers, canary.Policy.CircuitBreakers);
    }

    [Fact]
    public void After_48_hours_the_normal_limits_apply()
    {
        var state = new CanaryState(VirtualTime.Epoch, VirtualTime.Epoch.AddHours(48));
        Assert.False(state.Active);
        Assert.Same(Normal, CanaryPolicy.Apply(Normal, state));
    }

    [Fact]
    public void A_stricter_config_is_never_loosened()
    {
        var strict = Normal with { Policy = Normal.Policy with { Risk = Normal.Policy.Risk with { MaxOpenPositions = 0 } } };
        Assert.Equal(0, CanaryPolicy.Limits(strict).Policy.Risk.MaxOpenPositions);
    }

    [Fact]
    public void The_canary_runs_from_the_first_LIVE_start_which_later_starts_do_not_move()
    {
        using var dir = new TempDir("trader-canary-");
        using var store = StateStore.Open(dir.File("state.db"));

        var first = CanaryState.AtLiveStart(store.Evidence, VirtualTime.Epoch);
        Assert.True(first.Active);
        Assert.Equal(VirtualTime.Epoch.AddHours(48), first.EndsAt);

        var restart = CanaryState.AtLiveStart(store.Evidence, VirtualTime.Epoch.AddHours(30));
        Assert.Equal(VirtualTime.Epoch, restart.FirstLiveStart);
        Assert.True(restart.Active);

        var later = CanaryState.AtLiveStart(store.Evidence, VirtualTime.Epoch.AddHours(49));
        Assert.False(later.Active);
        Assert.Single(store.Evidence.OfKind(CanaryState.EvidenceKind));
    }
}
