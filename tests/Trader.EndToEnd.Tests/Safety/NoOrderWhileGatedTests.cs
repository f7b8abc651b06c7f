using Trader.Domain.Market;
using Trader.Domain.Trading;
using Trader.Host.Safety;
using Trader.Pipeline.Decisions;
using Trader.Pipeline.Safety;
using Trader.State.Orders;

namespace Trader.EndToEnd.Tests.Safety;

/// <summary>
/// NFR-S1 across the real order path (CONTRACTS.md §5): with each gate active for 20 minutes of decision cycles —
/// during which a stop-loss exit (BTC-USD) is wanted every cycle and a rising ETH-USD triggers entries — not one order
/// reaches the simulator; once the gate clears, the blocked exit is sent in the next cycle.
/// </summary>
public sealed class NoOrderWhileGatedTests
{
    public enum Gate
    {
        KillSwitch,
        Staleness,
        ProductHealth,
        Drawdown,
    }

    public static TheoryData<Gate, string> Gates => new()
    {
        { Gate.KillSwitch, "kill_switch" },
        { Gate.Staleness, "stale_quote" },
        { Gate.ProductHealth, "product_unhealthy" },
        { Gate.Drawdown, "max_drawdown" },
    };

    [Theory]
    [MemberData(nameof(Gates))]
    [Trait("Req", "NFR-S1")]
    public async Task No_order_reaches_the_simulator_while_a_gate_is_active_and_the_blocked_exit_is_sent_once_it_clears(Gate gate, string reasonCode)
    {
        await using var world = await GatedTradingWorld.StartAsync();
        var seed = Assert.Single(await world.VenueOrdersAsync());

        Activate(world, gate);
        // Staleness: the feed goes quiet 10 s before each cycle, so every cycle sees quotes older than 5 s.
        await world.RunMinutesAsync(20, gate == Gate.Staleness ? second => second is > 0 and < 50 : null);

        Assert.Equal([seed.OrderId], (await world.VenueOrdersAsync()).Select(o => o.OrderId));
        Assert.Empty(world.Sent);
        Assert.Equal(0, world.Pipeline.Counters.Approved);
        var blocked = world.Journal().Where(r => r.Kind == DecisionJournalKinds.Rejection && r.ReasonCode == reasonCode).ToList();
        // Both paths were exercised and blocked by this gate: the BTC stop-loss exit and ETH entries.
        Assert.Contains(blocked, r => r.ProductId == "BTC-USD" && r.PayloadJson!.StartsWith("Exit Sell", StringComparison.Ordinal));
        if (gate == Gate.ProductHealth)
        {
            // An offline product leaves the universe before triggers run: its entries are refused there, with the same code.
            Assert.All(world.Results, r => Assert.Contains(r.Decision!.Exclusions, e => e.ProductId == "ETH-USD" && e.ReasonCode == reasonCode));
        }
        else
        {
            Assert.Contains(blocked, r => r.ProductId == "ETH-USD" && r.PayloadJson!.StartsWith("Entry Buy", StringComparison.Ordinal));
        }

        Clear(world, gate);
        var firstAfter = world.Cycles[^1] + 1;
        await world.RunMinutesAsync(3);

        // The blocked exit is re-evaluated and sent in the very first cycle after the gate clears.
        var first = world.H.State.Orders.Get(world.Sent[0].ClientOrderId!)!;
        Assert.Equal(("BTC-USD", OrderSide.Sell), (first.ProductId, first.Side));
        Assert.Contains(world.H.State.Journal.ForCycle(firstAfter), r => r.Kind == DecisionJournalKinds.Exit && r.Outcome == DecisionJournalKinds.Approved);
        var exit = Assert.Single(world.Sent, s => s.ClientOrderId is { } id && world.H.State.Orders.Get(id) is { Side: OrderSide.Sell, ProductId: "BTC-USD" });
        Assert.Equal(OrderStatus.Filled, exit.Status);
        var venue = await world.VenueOrdersAsync();
        Assert.Contains(venue, o => o.ProductId == "BTC-USD" && o.Side == OrderSide.Sell && o.Status == "FILLED");
        // The entry the gate held back goes out too, once the 90 s trade spacing after the exit has passed.
        Assert.Contains(venue, o => o.ProductId == "ETH-USD" && o.Side == OrderSide.Buy);
    }

    private static void Activate(GatedTradingWorld world, Gate gate)
    {
        var now = world.H.Clock.Now;
        switch (gate)
        {
            case Gate.KillSwitch:
                world.Kill.Activate(new KillActivation("NFR-S1 drill", "test", now, now));
                break;
            case Gate.ProductHealth:
                world.Status(ProductStatus.Offline);
                break;
            case Gate.Drawdown:
                // What the drawdown monitor persists on a breach; the portfolio source latches it.
                world.H.State.Halts.Activate(DrawdownMonitor.DrawdownGate, DrawdownMonitor.Scope, "max_drawdown: NFR-S1 drill", now);
                break;
        }
    }

    private static void Clear(GatedTradingWorld world, Gate gate)
    {
        switch (gate)
        {
            case Gate.KillSwitch:
                world.Kill.Release();
                break;
            case Gate.ProductHealth:
                world.Status(ProductStatus.Online);
                break;
            case Gate.Drawdown:
                Assert.Equal([DrawdownMonitor.DrawdownGate], OperatorRelease.Resume(world.H.State.Halts, world.H.Clock.Now, "operator", "NFR-S1 drill over"));
                break;
        }
    }
}
