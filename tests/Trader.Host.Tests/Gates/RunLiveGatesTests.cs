using Trader.Domain.Trading;
using Trader.Host.Cli;
using Trader.Host.Configuration;
using Trader.Host.Gates;
using Trader.Host.Runtime;
using Trader.Host.Secrets;

namespace Trader.Host.Tests.Gates;

/// <summary>`trader run --mode live` against Coinbase refuses on unmet go-live gates (REQ-M1) and on clock drift (REQ-TIME1); against a simulator it reports them.</summary>
public sealed class RunLiveGatesTests
{
    /// <summary>Every REQ-M1 condition met, so what remains are the go-live gates.</summary>
    private static readonly (string, string, string)[] LiveEdits =
    [
        .. GoLiveFixture.ReadyEdits,
        ("app.yaml", "mode: DRY_RUN", "mode: LIVE"),
        ("app.yaml", "read_only: true", "read_only: false"),
        ("policy.yaml", "live_trading_enabled: false", "live_trading_enabled: true"),
    ];

    [Fact]
    [Trait("Req", "REQ-M1")]
    public async Task LIVE_against_Coinbase_without_the_evidence_exits_4_listing_every_unmet_gate()
    {
        using var install = new GoLiveFixture(LiveEdits);
        install.SetKeysAndWebhook();

        var (exit, _, err) = await install.RunAsync("run", "--mode", "live");

        Assert.Equal(4, exit);
        Assert.Contains("refused: LIVE needs every condition below:", err);
        Assert.Contains("  - paper_rehearsal: no PAPER session recorded; run `trader run --mode paper`", err);
        Assert.Contains("  - kill_drill: no kill-switch drill recorded; run `trader drill kill`", err);
        Assert.DoesNotContain("clock_sync", err);
        Assert.DoesNotContain("read_only", err);
    }

    [Fact]
    [Trait("Req", "REQ-TIME1")]
    public async Task LIVE_refuses_to_start_with_exit_4_when_the_clock_drifts_150_ms_and_starts_past_the_gates_at_99()
    {
        using var install = new GoLiveFixture(LiveEdits);
        install.PlantEverything();
        install.Responder.Offset = TimeSpan.FromMilliseconds(150);

        var (exit, _, err) = await install.RunAsync("run", "--mode", "live");

        Assert.Equal(4, exit);
        Assert.Contains("  - clock_sync: the host clock is 150 ms behind NTP time, at or above clock.max_drift_ms 100", err);
        Assert.Single(err.Split('\n'), l => l.StartsWith("  - ", StringComparison.Ordinal));

        install.Responder.Offset = TimeSpan.FromMilliseconds(99);
        var decision = await DecideAsync(install, new RunOptions(TradingMode.Live, "coinbase", null, null, null));
        Assert.False(decision.Refused, string.Join("; ", decision.Unmet));
        Assert.Equal(TradingMode.Live, decision.Mode);
    }

    [Fact]
    [Trait("Req", "REQ-TIME1")]
    public async Task LIVE_refuses_when_no_NTP_server_answers()
    {
        using var install = new GoLiveFixture(LiveEdits);
        install.PlantEverything();
        install.Responder.Silent = true;

        var task = DecideAsync(install, new RunOptions(TradingMode.Live, "coinbase", null, null, null));
        await Testing.VirtualTime.DriveUntilAsync(install.Clock, () => task.IsCompleted, TimeSpan.FromSeconds(10));
        var decision = await task;

        var unmet = Assert.Single(decision.Unmet);
        Assert.Equal("clock_sync", unmet.Check);
        Assert.Contains("no NTP server answered", unmet.Reason);
    }

    [Fact]
    public async Task Against_a_simulator_the_gates_are_reported_but_not_enforced_and_the_clock_is_exempt()
    {
        using var install = new GoLiveFixture(LiveEdits);
        install.SetKeysAndWebhook();
        install.Responder.Silent = true; // would fail the clock gate if it were asked

        var decision = await DecideAsync(install, new RunOptions(TradingMode.Live, "coinbase", "sim:http://127.0.0.1:9999", null, null));

        Assert.False(decision.Refused);
        Assert.Contains(decision.Notes, n => n.StartsWith("SIMULATOR: go-live gate kill_drill UNMET (not enforced against a simulator)", StringComparison.Ordinal));
        Assert.Contains(decision.Notes, n => n.StartsWith("SIMULATOR: go-live gate paper_rehearsal UNMET", StringComparison.Ordinal));
        Assert.DoesNotContain(decision.Notes, n => n.Contains("clock_sync"));
        Assert.Equal(0, install.Responder.Requests);
    }

    [Fact]
    public async Task PAPER_and_DRY_RUN_do_not_wait_for_the_gates()
    {
        using var install = new GoLiveFixture();
        install.Responder.Silent = true;

        var decision = await DecideAsync(install, new RunOptions(TradingMode.Paper, "coinbase", null, null, null));

        Assert.False(decision.Refused);
        Assert.Equal(TradingMode.Paper, decision.Mode);
        Assert.Equal(0, install.Responder.Requests);
    }

    private static async Task<Trader.Host.Modes.ModeDecision> DecideAsync(GoLiveFixture install, RunOptions options)
    {
        var config = ConfigLoader.Load(install.ConfigDir).Config!;
        var output = new StringWriter();
        var context = new CliContext(new Composition.ProcessClock(Pipeline.Clock.TraderClock.Virtual(install.Clock)), output, output,
            name => install.Environment.GetValueOrDefault(name));
        var secrets = SecretsStatus.Load(config.App.Secrets, context.Environment, install.Clock.TimeProvider);
        return await RunGates.DecideAsync(context, new CommonArgs(install.ConfigDir, install.DataDir, "info"), options, config, secrets, CancellationToken.None);
    }
}
