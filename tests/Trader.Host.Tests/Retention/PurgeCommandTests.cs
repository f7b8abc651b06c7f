using Trader.Host.Cli;
using Trader.Host.Composition;
using Trader.Host.Locking;
using Trader.Pipeline.Clock;
using Trader.State.Journal;
using Trader.State.Storage;
using Trader.Testing;

namespace Trader.Host.Tests.Retention;

public sealed class PurgeCommandTests
{
    [Fact]
    [Trait("Req", "REQ-RET1")]
    public async Task Purge_before_a_date_deletes_older_rows_and_log_files_and_keeps_newer_ones()
    {
        using var dir = new TempDir();
        var data = dir.File("var");
        var cutoff = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
        using (var store = StateStore.Open(Path.Combine(data, "state.db")))
        {
            store.Journal.Append(new DecisionEntry { CycleId = 1, Ts = cutoff.AddTicks(-1), Kind = "cycle", Outcome = "old" });
            store.Journal.Append(new DecisionEntry { CycleId = 2, Ts = cutoff, Kind = "cycle", Outcome = "new" });
            store.Evidence.Record("drill", cutoff.AddDays(-3), "{}");
        }
        var logs = Directory.CreateDirectory(Path.Combine(data, "logs")).FullName;
        var oldLog = Path.Combine(logs, "trader_003.json");
        var newLog = Path.Combine(logs, "trader.json");
        File.WriteAllText(oldLog, "{}");
        File.WriteAllText(newLog, "{}");
        File.SetLastWriteTimeUtc(oldLog, cutoff.UtcDateTime.AddHours(-1));
        File.SetLastWriteTimeUtc(newLog, cutoff.UtcDateTime.AddHours(1));

        var (exit, output, error) = await Run("purge", "--before", "2025-01-01", "--data-dir", data);

        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Equal("", error);
        Assert.Contains("purged data older than 2025-01-01: 1 journal entries", output);
        Assert.Contains("1 evidence records", output);
        Assert.Contains("1 log files", output);
        using (var store = StateStore.Open(Path.Combine(data, "state.db")))
        {
            Assert.Equal(1, store.Journal.Count());
            Assert.Single(store.Journal.ForCycle(2));
            Assert.Empty(store.Evidence.OfKind("drill"));
        }
        Assert.False(File.Exists(oldLog));
        Assert.True(File.Exists(newLog));
    }

    [Theory]
    [Trait("Req", "REQ-RET1")]
    [InlineData("2025-13-01")]
    [InlineData("01/02/2025")]
    [InlineData("yesterday")]
    public async Task A_bad_date_is_exit_2_and_touches_nothing(string date)
    {
        using var dir = new TempDir();
        var data = dir.File("var");

        var (exit, _, error) = await Run("purge", "--before", date, "--data-dir", data);

        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.Contains($"'{date}' is not a date (YYYY-MM-DD)", error);
        Assert.False(Directory.Exists(data));
    }

    [Fact]
    public async Task A_missing_date_is_exit_2()
    {
        var (exit, _, error) = await Run("purge");
        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.Contains("--before", error);
    }

    [Fact]
    [Trait("Req", "REQ-SI1")]
    public async Task Purge_takes_the_lock_and_exits_3_while_another_instance_holds_it()
    {
        using var dir = new TempDir();
        var data = dir.File("var");
        Assert.True(InstanceLock.TryAcquire(data, VirtualTime.Create().TimeProvider, out var held, out _));
        using (held)
        {
            var (exit, _, error) = await Run("purge", "--before", "2025-01-01", "--data-dir", data);
            Assert.Equal(ExitCodes.AnotherInstance, exit);
            Assert.Contains($"another instance holds {data}: pid {Environment.ProcessId}", error);
        }
        Assert.False(File.Exists(Path.Combine(data, "state.db"))); // nothing was opened, nothing created
    }

    private static async Task<(int Exit, string Output, string Error)> Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var context = new CliContext(new ProcessClock(TraderClock.Virtual(VirtualTime.Create())), output, error, _ => null);
        var exit = await TraderCli.RunAsync([.. args, "--config", RepoPaths.Config], context);
        return (exit, output.ToString(), error.ToString());
    }
}
