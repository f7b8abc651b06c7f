using Trader.EndToEnd.Tests.Live;
using Trader.Testing;

namespace Trader.EndToEnd.Tests.Run;

/// <summary>
/// `trader run --mode paper --venue sim` as a real process: orders go through the real REST client with a throwaway key
/// to the simulator embedded in the process, whose books follow the run's market feed (here another simulator's
/// WebSocket); its user channel is subscribed with the throwaway key; fills come back through reconciliation into positions.
/// </summary>
public sealed class PaperSimRunTests
{
    [Fact]
    [Trait("Req", "REQ-X2")]
    public async Task Paper_with_the_embedded_simulator_fills_market_orders_through_the_rest_client_and_says_SIMULATOR()
    {
        await using var rig = await LiveSimRig.StartAsync("trader-paper-sim-", "market_ioc");
        using var run = TraderProcess.Start(["run", "--mode", "paper", "--venue", "sim", "--metrics-port", "0", "--config", rig.Config, "--data-dir", rig.DataDir]);
        Assert.True(run.WaitForOutput("embedded simulator on http://127.0.0.1:", TimeSpan.FromSeconds(60)), run.Output);
        Assert.True(run.WaitForOutput("start reconciliation before the first cycle", TimeSpan.FromSeconds(30)), run.Output);
        // Its user channel, subscribed with the throwaway key, as in LIVE.
        Assert.True(run.WaitForOutput("user channel connected to ws://127.0.0.1:", TimeSpan.FromSeconds(30)), run.Output);
        Assert.True(await Eventually.TrueAsync(() => rig.StateOrders().Any(o => o.Status == "filled" && o.VenueOrderId is not null), TimeSpan.FromSeconds(120)), run.Output);
        run.Signal(15);
        Assert.True(run.WaitForExit(TimeSpan.FromSeconds(15)), run.Output);
        Assert.Equal(0, run.ExitCode);

        var filled = rig.StateOrders().Where(o => o.Status == "filled").ToList();
        var fills = rig.StateFilledByOrder();
        Assert.All(filled, o => Assert.Equal(o.FilledSize, fills[o.ClientOrderId]));
        Assert.Contains(rig.StatePositions(), p => p.Value > 0m);
        Assert.Contains("SIMULATOR sim", run.Output);
        Assert.Empty(await rig.VenueOrdersAsync()); // the feed's simulator saw no order: they went to the embedded one
    }
}
