using Trader.State.Alerts;
using Trader.State.Cooldowns;
using Trader.State.Equity;
using Trader.State.Journal;
using Trader.State.Orders;
using Trader.State.Storage;
using Trader.Testing;
using static Trader.State.Tests.Support.Rows;

namespace Trader.State.Tests.Retention;

public sealed class StateRetentionTests
{
    private static readonly DateTimeOffset Old = T0.AddDays(-120);
    private static readonly DateTimeOffset Recent = T0.AddDays(-10);
    private static readonly DateTimeOffset Cutoff = T0.AddDays(-90);

    [Fact]
    [Trait("Req", "REQ-RET1")]
    public void Purge_deletes_rows_older_than_the_cutoff_but_never_working_orders_open_positions_or_active_halts()
    {
        using var dir = new TempDir();
        using var store = StateStore.Open(dir.File("state.db"));
        Seed(store, Old, "old");
        Seed(store, Recent, "new");
        // An old order still working, with an old fill: kept, and so is the position it built.
        store.Orders.TryRegister(Limit("old-working", size: 5m, ts: Old, status: OrderStatus.Open));
        store.Fills.Record(Fill("old-working", "t1", 1m, 100m, ts: Old));
        var activeHalt = store.Halts.Activate("drawdown", "all", "max_drawdown", Old);

        var report = store.Retention.PurgeBefore(Cutoff);

        Assert.Equal(1, report.JournalEntries);
        Assert.Equal(1, report.Alerts);
        Assert.Equal(1, report.Orders);
        Assert.Equal(1, report.Fills);
        Assert.Equal(1, report.Halts);
        Assert.Equal(1, report.Cooldowns);
        Assert.Equal(1, report.Evidence);
        Assert.Equal(1, report.EquityMarks);

        Assert.Null(store.Orders.Get("old-closed"));
        Assert.NotNull(store.Orders.Get("new-closed"));
        Assert.NotNull(store.Orders.Get("old-working"));
        Assert.Single(store.Fills.ForOrder("old-working"));
        Assert.Equal(0.5m + 0.5m + 1m, store.Positions.Get("BTC-USD")!.BaseSize); // positions are never purged
        Assert.Equal(activeHalt.Id, Assert.Single(store.Halts.Active()).Id);
        Assert.Equal(["new"], store.Alerts.Since(DateTimeOffset.MinValue).Select(a => a.DedupeKey));
        Assert.Equal(1, store.Journal.Count());
        Assert.Single(store.Evidence.OfKind("drill"));
        Assert.Single(store.Equity.Between(DateTimeOffset.MinValue, DateTimeOffset.MaxValue));
        Assert.Equal("ok", store.IntegrityCheck());
    }

    private static void Seed(StateStore store, DateTimeOffset ts, string tag)
    {
        store.Orders.TryRegister(Limit($"{tag}-closed", size: 0.5m, ts: ts));
        store.Fills.Record(Fill($"{tag}-closed", "t1", 0.5m, 100m, ts: ts));
        store.Journal.Append(new DecisionEntry { CycleId = 1, Ts = ts, Kind = "cycle", Outcome = "ok" });
        store.Alerts.Record(new AlertRecord { Kind = "slo", Severity = "info", Message = "m", DedupeKey = tag, Ts = ts }, ["webhook"]);
        store.Halts.Activate("staleness", "ETH-USD", "stale_quote", ts);
        store.Halts.Clear("staleness", "ETH-USD", ts.AddMinutes(1), "guard", "fresh quote");
        store.Cooldowns.Set(new CooldownRecord(tag + "-USD", ts.AddHours(1), "cooldown", ts));
        store.Evidence.Record("drill", ts, "{}");
        store.Equity.Mark(new EquityMark(ts, 1000m));
    }
}
