using Trader.Testing;
using Trader.EndToEnd.Tests.Live;

namespace Trader.EndToEnd.Tests.Run;

/// <summary>
/// `trader run --mode paper --venue paper` as a real process, fed by the simulator's market WebSocket: approved orders
/// go through the order manager to the paper wallet (fills against the live book with fees), positions come back into
/// the state DB, the wallet persists across a restart, and nothing reaches the exchange.
/// </summary>
public sealed class PaperRunTests
{
    [Fact]
    [Trait("Req", "REQ-X2")]
    [Trait("Req", "NFR-R1")]
    [Trait("Req", "REQ-OB1")]
    public async Task Paper_run_fills_market_orders_in_the_persisted_paper_wallet_and_sends_nothing_to_the_exchange()
    {
        await using var rig = await LiveSimRig.StartAsync("trader-paper-", "market_ioc");
        IReadOnlyDictionary<string, decimal> wallet;
        using (var run = rig.StartPaperRun())
        {
            Assert.True(run.WaitForOutput("start reconciliation before the first cycle", TimeSpan.FromSeconds(60)), run.Output);
            Assert.True(await Eventually.TrueAsync(() => rig.StateOrders().Count(o => o.Status == "filled") >= 2, TimeSpan.FromSeconds(120)), run.Output);
            run.Signal(15);
            Assert.True(run.WaitForExit(TimeSpan.FromSeconds(15)), run.Output);
            Assert.Equal(0, run.ExitCode);
            Assert.Contains("\"venue\":\"paper\"", run.Output);
            Assert.DoesNotContain("SIMULATOR", run.Output);
        }

        // REQ-OB1 / NFR-P1: `trader status --json` (a separate process) reports the service's cycle latency quantiles and SLOs.
        using (var status = TraderProcess.Start(["status", "--json", "--config", rig.Config, "--data-dir", rig.DataDir]))
        {
            Assert.True(status.WaitForExit(TimeSpan.FromSeconds(30)), status.Output);
            Assert.Equal(0, status.ExitCode);
            var json = status.Output[status.Output.IndexOf('{')..];
            using var document = System.Text.Json.JsonDocument.Parse(json);
            var telemetry = document.RootElement.GetProperty("telemetry");
            var cycle = telemetry.GetProperty("cycle_latency");
            Assert.True(cycle.GetProperty("window_samples").GetInt32() >= 1, json);
            Assert.True(cycle.GetProperty("p95_seconds").GetDouble() <= 1.0, json);
            Assert.Contains(telemetry.GetProperty("slos").EnumerateArray(), slo => slo.GetProperty("name").GetString()!.Contains("cycle", StringComparison.Ordinal));
        }

        // Positions are the paper wallet's holdings; USD paid for them with fees (backtest.initial_capital_usd 10000).
        wallet = rig.PaperBalances();
        var positions = rig.StatePositions();
        Assert.Equal(LiveSimRig.Products, positions.Where(p => p.Value > 0m).Select(p => p.Key).Order().ToArray());
        foreach (var (product, size) in positions) Assert.Equal(wallet[product.Split('-')[0]], size);
        Assert.True(wallet["USD"] < 10_000m);
        var filled = rig.StateFilledByOrder();
        foreach (var order in rig.StateOrders()) Assert.Equal(filled.GetValueOrDefault(order.ClientOrderId), order.FilledSize);
        Assert.Empty(await rig.VenueOrdersAsync());

        // A restart keeps the wallet and reconciles before its first cycle.
        using (var restarted = rig.StartPaperRun())
        {
            Assert.True(restarted.WaitForOutput("start reconciliation before the first cycle: reconciled 0 working orders", TimeSpan.FromSeconds(60)), restarted.Output);
            Assert.Equal(wallet["USD"], rig.PaperBalances()["USD"]);
            restarted.Signal(15);
            Assert.True(restarted.WaitForExit(TimeSpan.FromSeconds(15)), restarted.Output);
        }
    }
}
