using Trader.ExchangeSim;
using Trader.ExchangeSim.Faults;
using Trader.ExchangeSim.Market;
using Trader.Testing;

namespace Trader.EndToEnd.Tests.Run;

/// <summary>`trader run --mode dry-run` as a real process against the simulator's market WebSocket.</summary>
public sealed class RunAgainstSimulatorTests : IAsyncLifetime
{
    private readonly TempDir _dir = new("trader-run-sim-");
    private ExchangeSimulator? _sim;

#pragma warning disable RS0030 // tests/ is outside the ban; an end-to-end run is on the real clock
    public async Task InitializeAsync() => _sim = await ExchangeSimulator.StartAsync(new SimulatorOptions(TimeProvider.System)
    {
        Market = MarketSource.RandomWalk(11),
        Faults = FaultOptions.Parse("seq_gap=0.05"),
    });
#pragma warning restore RS0030

    [Fact]
    [Trait("Req", "REQ-AL1")]
    public void A_sequence_gap_on_the_live_feed_is_alerted_and_the_books_are_resubscribed()
    {
        var config = ConfigFixture.CopyShipped(_dir.Path, ("app.yaml", "wss://advanced-trade-ws.coinbase.com", _sim!.MarketWebSocketUrl));
        using var run = TraderProcess.Start(["run", "--mode", "dry-run", "--metrics-port", "0", "--config", config, "--data-dir", _dir.File("var")]);
        Assert.True(run.WaitForOutput("feed connected", TimeSpan.FromSeconds(60)), run.Output);
        Assert.True(run.WaitForOutput("ALERT sequence_gap warning", TimeSpan.FromSeconds(30)), run.Output);
        Assert.Contains("level2 and status resubscribed", run.Output);
        Assert.True(run.WaitForOutput("frames flow again after the resubscribe", TimeSpan.FromSeconds(30)), run.Output);

        run.Signal(15);
        Assert.True(run.WaitForExit(TimeSpan.FromSeconds(10)));
        Assert.Equal(0, run.ExitCode);
    }

    public async Task DisposeAsync()
    {
        if (_sim is not null) await _sim.DisposeAsync();
        _dir.Dispose();
    }
}
