using Trader.Testing;

namespace Trader.Host.Tests.ClockSync;

/// <summary>The real `trader run --mode dry-run` on the real clock: a drifting clock is a warning, never a refusal.</summary>
[Trait("Req", "REQ-TIME1")]
public sealed class DryRunClockWarningProcessTests : IDisposable
{
    private readonly TempDir _dir = new("trader-clockrun-");
    private readonly SntpResponder _responder = new(() => TimeProvider.System.GetUtcNow(), TimeSpan.FromMilliseconds(400));

    [Fact]
    public void DRY_RUN_on_the_live_feed_warns_with_a_clock_drift_alert_and_keeps_running()
    {
        var config = ConfigFixture.CopyShipped(_dir.Path,
            ("app.yaml", "ntp_servers: [time.google.com, pool.ntp.org]", $"ntp_servers: [{_responder.Server}]"),
            ("app.yaml", "wss://advanced-trade-ws.coinbase.com", "ws://127.0.0.1:9"));
        using var run = TraderProcess.Start(["run", "--mode", "dry-run", "--metrics-port", "0", "--config", config, "--data-dir", _dir.File("var")]);

        Assert.True(run.WaitForOutput("ALERT clock_drift warning", TimeSpan.FromSeconds(30)), run.Output);
        Assert.True(run.WaitForOutput("trader run started", TimeSpan.FromSeconds(30)), run.Output);
        Assert.Contains("ms behind NTP time", run.Output);
        Assert.False(run.HasExited, run.Output);

        run.Signal(15);
        Assert.True(run.WaitForExit(TimeSpan.FromSeconds(15)), run.Output);
        Assert.True(run.ExitCode == 0, run.Output);
        using var store = State.Storage.StateStore.Open(_dir.File("var/state.db"));
        Assert.Contains("\"in_sync\":false", Assert.Single(store.Evidence.OfKind("clock_check")).PayloadJson);
    }

    public void Dispose()
    {
        _responder.Dispose();
        _dir.Dispose();
    }
}
