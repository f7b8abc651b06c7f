using Microsoft.Data.Sqlite;
using Trader.Testing;

namespace Trader.EndToEnd.Tests.Run;

/// <summary>`trader run` as a real process: graceful shutdown, no-network resilience, single instance.</summary>
public sealed class RunCommandTests : IDisposable
{
    private const int SigTerm = 15;
    private const int SigInt = 2;
    private readonly TempDir _dir = new("trader-run-");
    private readonly string _config;

    public RunCommandTests()
    {
        // Nothing listens on 127.0.0.1:9: the feed can never connect, as on a machine with no network.
        _config = ConfigFixture.CopyShipped(_dir.Path, ("app.yaml", "wss://advanced-trade-ws.coinbase.com", "ws://127.0.0.1:9"));
    }

    // --metrics-port 0: any free port, so parallel tests never fight over 9464.
    private TraderProcess StartRun() => TraderProcess.Start(["run", "--mode", "dry-run", "--metrics-port", "0", "--config", _config, "--data-dir", _dir.File("var")]);

    [Theory]
    [InlineData(SigTerm)]
    [InlineData(SigInt)]
    [Trait("Req", "NFR-R1")]
    public void A_signal_stops_the_service_gracefully_with_exit_0_within_10_s(int signal)
    {
        using var run = StartRun();
        Assert.True(run.WaitForOutput("trader run started", TimeSpan.FromSeconds(60)), run.Output);

        var asked = DateTimeOffset.UtcNow;
        run.Signal(signal);
        Assert.True(run.WaitForExit(TimeSpan.FromSeconds(10)), "still running 10 s after the signal:\n" + run.Output);

        Assert.True(DateTimeOffset.UtcNow - asked < TimeSpan.FromSeconds(10));
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("stopped cleanly", run.Output);
        Assert.DoesNotContain("Unhandled exception", run.Output);
    }

    [Fact]
    [Trait("Req", "NFR-R1")]
    public async Task With_no_network_dry_run_keeps_running_reconnecting_and_raises_feed_down()
    {
        using var run = StartRun();
        Assert.True(run.WaitForOutput("trader run started", TimeSpan.FromSeconds(60)), run.Output);
        Assert.True(run.WaitForOutput("ALERT feed_down critical", TimeSpan.FromSeconds(20)), run.Output);
        Assert.True(run.WaitForOutput("ConnectionId = 3", TimeSpan.FromSeconds(20)), "expected repeated reconnect attempts:\n" + run.Output);
        Assert.False(run.HasExited);

        // The running service serves Prometheus text on loopback, with the feed_down alert counted.
        var url = run.Output.Split("metrics at ")[1].Split(' ', '\n')[0].Trim();
        using var http = new HttpClient();
        var metrics = await http.GetStringAsync(url);
        Assert.Contains("trader_decision_cycle_seconds_bucket", metrics);
        Assert.Contains("kind=\"feed_down\"", metrics);

        run.Signal(SigTerm);
        Assert.True(run.WaitForExit(TimeSpan.FromSeconds(10)));
        Assert.Equal(0, run.ExitCode);

        using var db = new SqliteConnection($"Data Source={_dir.File("var/state.db")};Mode=ReadOnly");
        db.Open();
        using var query = db.CreateCommand();
        query.CommandText = "SELECT COUNT(*) FROM alerts WHERE kind = 'feed_down'";
        Assert.True((long)query.ExecuteScalar()! >= 1, "the feed_down alert is persisted in the state DB");
    }

    [Fact]
    [Trait("Req", "REQ-SI1")]
    public void A_second_run_on_the_same_data_dir_exits_3_naming_the_holder()
    {
        using var first = StartRun();
        Assert.True(first.WaitForOutput("trader run started", TimeSpan.FromSeconds(60)), first.Output);

        using var second = StartRun();
        Assert.True(second.WaitForExit(TimeSpan.FromSeconds(60)));
        Assert.Equal(3, second.ExitCode);
        Assert.Contains($"pid {first.Id}", second.Output);
        Assert.False(first.HasExited);

        first.Signal(SigTerm);
        Assert.True(first.WaitForExit(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    [Trait("Req", "REQ-C1")]
    public void A_bad_config_stops_start_up_with_exit_2_listing_every_problem()
    {
        var bad = ConfigFixture.CopyShipped(_dir.File("bad"),
            ("policy.yaml", "max_position_size_pct: 5.0", "max_position_size_pct: 50.0"),
            ("app.yaml", "interval_seconds: 60", "interval_seconds: -1"));
        using var run = TraderProcess.Start(["run", "--mode", "dry-run", "--config", bad, "--data-dir", _dir.File("var")]);
        Assert.True(run.WaitForExit(TimeSpan.FromSeconds(60)));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("policy.yaml: risk.max_position_size_pct:", run.Output);
        Assert.Contains("app.yaml: loop.interval_seconds:", run.Output);
    }

    [Fact]
    [Trait("Req", "REQ-M1")]
    public void Live_without_its_conditions_is_refused_with_exit_4_listing_each()
    {
        using var run = TraderProcess.Start(["run", "--mode", "live", "--config", _config, "--data-dir", _dir.File("var")]);
        Assert.True(run.WaitForExit(TimeSpan.FromSeconds(60)));

        Assert.Equal(4, run.ExitCode);
        foreach (var condition in new[] { "app.mode", "read_only", "live_trading_enabled", "key" })
            Assert.Contains(condition, run.Output);
    }

    public void Dispose() => _dir.Dispose();
}
