using Serilog;
using Trader.Host.Retention;
using Trader.State.Journal;
using Trader.State.Orders;
using Trader.State.Storage;
using Trader.Testing;

namespace Trader.Host.Tests.Retention;

/// <summary>REQ-RET1 on a virtual clock: the daily job deletes what is older than 90 days at its due time, and only that.</summary>
public sealed class RetentionJobTests
{
    [Fact]
    [Trait("Req", "REQ-RET1")]
    public void The_daily_job_deletes_rows_and_log_files_older_than_90_days_at_its_virtual_due_time()
    {
        using var dir = new TempDir();
        var clock = VirtualTime.Create();
        var now = clock.Now;
        var logs = Directory.CreateDirectory(dir.File("logs")).FullName;
        using var store = StateStore.Open(dir.File("state.db"));
        Journal(store, now.AddDays(-91), "old");
        Journal(store, now.AddDays(-89), "new");
        Order(store, "old-working", now.AddDays(-200), OrderStatus.Open);
        var oldLog = LogFile(logs, "trader_001.json", now.AddDays(-91));
        var newLog = LogFile(logs, "trader.json", now.AddDays(-89));
        var notOurs = LogFile(logs, "notes.txt", now.AddDays(-400));

        using var job = new RetentionJob(store, logs, retentionDays: 90, clock.TimeProvider, new LoggerConfiguration().CreateLogger());

        clock.AdvanceBy(RetentionJob.FirstRunDelay - TimeSpan.FromTicks(1));
        Assert.Equal(0, job.Runs);
        Assert.Equal(2, store.Journal.Count());
        clock.AdvanceBy(TimeSpan.FromTicks(1)); // the job's virtual due time

        Assert.Equal(1, job.Runs);
        Assert.Equal(now + RetentionJob.FirstRunDelay - TimeSpan.FromDays(90), job.LastOutcome!.Cutoff);
        Assert.Equal(1, store.Journal.Count());
        Assert.Single(store.Journal.ForCycle(2));
        Assert.NotNull(store.Orders.Get("old-working")); // never a working order
        Assert.False(File.Exists(oldLog));
        Assert.True(File.Exists(newLog));
        Assert.True(File.Exists(notOurs)); // only our log files are ours to delete

        // A day later what was 89 days old is past 90 and goes with the next daily run.
        clock.AdvanceBy(RetentionJob.Period - TimeSpan.FromTicks(1));
        Assert.Equal(1, job.Runs);
        clock.AdvanceBy(TimeSpan.FromTicks(1));
        Assert.Equal(2, job.Runs);
        Assert.Equal(0, store.Journal.Count());
        Assert.False(File.Exists(newLog));
        Assert.NotNull(store.Orders.Get("old-working"));
    }

    [Fact]
    [Trait("Req", "REQ-RET1")]
    public void A_failing_run_is_logged_and_the_next_one_still_happens()
    {
        using var dir = new TempDir();
        var clock = VirtualTime.Create();
        var store = StateStore.Open(dir.File("state.db"));
        store.Dispose(); // every purge now throws ObjectDisposedException
        var events = new List<Serilog.Events.LogEvent>();
        var log = new LoggerConfiguration().WriteTo.Sink(new ListSink(events)).CreateLogger();

        using var job = new RetentionJob(store, dir.File("logs"), 90, clock.TimeProvider, log);
        clock.AdvanceBy(RetentionJob.FirstRunDelay + RetentionJob.Period);

        Assert.Equal(2, job.Runs);
        Assert.Equal(2, events.Count(e => e.Level == Serilog.Events.LogEventLevel.Error));
    }

    private static void Journal(StateStore store, DateTimeOffset ts, string outcome) =>
        store.Journal.Append(new DecisionEntry { CycleId = outcome == "old" ? 1 : 2, Ts = ts, Kind = "cycle", Outcome = outcome });

    private static void Order(StateStore store, string coid, DateTimeOffset ts, OrderStatus status) => store.Orders.TryRegister(new OrderRecord
    {
        ClientOrderId = coid, ProductId = "BTC-USD", Side = Trader.Domain.Trading.OrderSide.Buy, OrderType = "limit_limit_gtc",
        Price = 100m, Size = 1m, Status = status, Mode = Trader.Domain.Trading.TradingMode.Paper, CreatedTs = ts, UpdatedTs = ts,
    });

    private static string LogFile(string directory, string name, DateTimeOffset lastWrite)
    {
        var path = Path.Combine(directory, name);
        File.WriteAllText(path, "{}\n");
        File.SetLastWriteTimeUtc(path, lastWrite.UtcDateTime);
        return path;
    }

    private sealed class ListSink(List<Serilog.Events.LogEvent> events) : Serilog.Core.ILogEventSink
    {
        public void Emit(Serilog.Events.LogEvent logEvent)
        {
            lock (events) events.Add(logEvent);
        }
    }
}
