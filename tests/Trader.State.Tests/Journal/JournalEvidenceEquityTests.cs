using Trader.State.Equity;
using Trader.State.Journal;
using Trader.State.Storage;
using Trader.Testing;
using static Trader.State.Tests.Support.Rows;

namespace Trader.State.Tests.Journal;

public sealed class JournalEvidenceEquityTests
{
    [Fact]
    public void A_replay_sized_batch_is_one_transaction_and_reads_back_in_order()
    {
        using var dir = new TempDir();
        using var store = StateStore.Open(dir.File("state.db"));
        var batch = Enumerable.Range(0, 5000).Select(i => new DecisionEntry
        {
            CycleId = i / 10,
            Ts = T0.AddSeconds(i),
            ProductId = i % 2 == 0 ? "BTC-USD" : null,
            Kind = "risk",
            Outcome = i % 3 == 0 ? "rejected" : "accepted",
            ReasonCode = i % 3 == 0 ? "theme_cap" : null,
            PayloadJson = $"{{\"i\":{i}}}",
            Latency = TimeSpan.FromMicroseconds(i),
        }).ToList();

        store.Journal.Append(batch);

        Assert.Equal(5000, store.Journal.Count());
        var cycle = store.Journal.ForCycle(42);
        Assert.Equal(batch.Skip(420).Take(10), cycle);
    }

    [Fact]
    public void Evidence_and_equity_marks_read_back()
    {
        using var dir = new TempDir();
        using var store = StateStore.Open(dir.File("state.db"));
        store.Evidence.Record("kill_drill", T0, "{\"cancel_ms\":812}");
        store.Evidence.Record("kill_drill", T0.AddDays(1), "{\"cancel_ms\":640}");
        store.Evidence.Record("clock_check", T0, "{\"drift_ms\":3}");
        store.Equity.Mark(new EquityMark(T0, 100000.00m));
        store.Equity.Mark(new EquityMark(T0.AddHours(1), 99850.125m));

        Assert.Equal(2, store.Evidence.OfKind("kill_drill").Count);
        Assert.Equal("{\"cancel_ms\":640}", store.Evidence.Latest("kill_drill")!.PayloadJson);
        Assert.Null(store.Evidence.Latest("paper_rehearsal"));
        Assert.Equal([new EquityMark(T0, 100000.00m), new EquityMark(T0.AddHours(1), 99850.125m)], store.Equity.Between(T0, T0.AddDays(1)));
    }
}
