using Trader.State.Cooldowns;
using Trader.State.Storage;
using Trader.Testing;
using static Trader.State.Tests.Support.Rows;

namespace Trader.State.Tests.Halts;

public sealed class HaltAndCooldownStoreTests
{
    [Fact]
    public void A_halt_survives_a_restart_until_cleared_and_one_gate_scope_has_one_active_halt()
    {
        using var dir = new TempDir();
        using (var store = StateStore.Open(dir.File("state.db")))
        {
            var first = store.Halts.Activate("kill_switch", "all", "operator", T0);
            var again = store.Halts.Activate("kill_switch", "all", "operator", T0.AddSeconds(5));
            Assert.Equal(first.Id, again.Id);
            store.Halts.Activate("staleness", "ETH-USD", "stale_quote", T0);
        }
        using (var store = StateStore.Open(dir.File("state.db")))
        {
            Assert.Equal(2, store.Halts.Active().Count);
            Assert.True(store.Halts.Clear("kill_switch", "all", T0.AddMinutes(1), "cli", "drill over"));
            Assert.False(store.Halts.Clear("kill_switch", "all", T0.AddMinutes(2), "cli", "again"));

            var halt = Assert.Single(store.Halts.Active());
            Assert.Equal("staleness", halt.Gate);
            var cleared = store.Halts.ActivatedSince(T0).Single(h => h.Gate == "kill_switch");
            Assert.Equal(T0.AddMinutes(1), cleared.ClearedTs);
            Assert.Equal("cli", cleared.ClearedBy);
            Assert.Equal("drill over", cleared.ClearedReason);
            Assert.Null(store.Halts.FindActive("kill_switch", "all"));
        }
    }

    [Fact]
    public void A_cooldown_is_active_until_its_end_and_a_new_one_replaces_it()
    {
        using var dir = new TempDir();
        using var store = StateStore.Open(dir.File("state.db"));
        store.Cooldowns.Set(new CooldownRecord("BTC-USD", T0.AddHours(1), "cooldown_after_stop", T0));
        store.Cooldowns.Set(new CooldownRecord("BTC-USD", T0.AddHours(2), "cooldown", T0.AddMinutes(1)));

        var active = Assert.Single(store.Cooldowns.Active(T0.AddMinutes(90)));
        Assert.Equal("cooldown", active.Reason);
        Assert.Empty(store.Cooldowns.Active(T0.AddHours(2)));
        Assert.True(store.Cooldowns.Clear("BTC-USD"));
        Assert.Empty(store.Cooldowns.Active(T0));
    }
}
