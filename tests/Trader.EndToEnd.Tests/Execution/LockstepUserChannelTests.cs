using Trader.Coinbase.Rest.Orders;
using Trader.Domain.Trading;
using Trader.ExchangeSim.Faults;
using Trader.Host.Execution;
using Trader.EndToEnd.Tests.Live;
using Trader.Host.Replay;
using Trader.Testing;

namespace Trader.EndToEnd.Tests.Execution;

/// <summary>
/// The demo's fills come back on the embedded simulator's <c>user</c> channel (CONTRACTS.md §3): the real feed client
/// over a real socket, subscribed with the throwaway key, settled against the simulator's count of queued frames while
/// the virtual clock stands still, so a replay hands each cycle exactly the updates that happened before it.
/// </summary>
public sealed class LockstepUserChannelTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    [Trait("Req", "REQ-X2")]
    public async Task A_placement_and_its_fill_each_reach_the_next_settle_and_nothing_else_does()
    {
        var clock = VirtualTime.Create();
        await using var venue = await EmbeddedSimulatorVenue.StartAsync(new EmbeddedSimulatorSettings(clock.TimeProvider));
        Assert.True(venue.Ingest(System.Text.Encoding.UTF8.GetBytes(ExecutionHarness.L2(ExecutionHarness.Product,
            [("bid", "59990", "0.5"), ("offer", "60000", "0.5")]))));
        await using var channel = await LockstepUserChannel.ConnectAsync(venue, TimeProvider.System, Wait, Wait, CancellationToken.None);
        Assert.NotNull(channel);
        Assert.Equal([], await channel.SettleAsync(CancellationToken.None));

        var placed = await venue.Venue.PlaceAsync(new VenueOrderRequest("trdr-lockstep-1", ExecutionHarness.Product, OrderSide.Buy,
            ExecutionOrderType.LimitPostOnly, 0.001m, 59990m), CancellationToken.None);
        Assert.Equal(VenuePlacementKind.Placed, placed.Kind);
        Assert.Equal(["trdr-lockstep-1"], await channel.SettleAsync(CancellationToken.None));
        Assert.Equal([], await channel.SettleAsync(CancellationToken.None));

        // The offer drops through our bid: the resting buy fills as maker; its update is settled before the next cycle.
        Assert.True(venue.Ingest(System.Text.Encoding.UTF8.GetBytes(ExecutionHarness.L2(ExecutionHarness.Product,
            [("offer", "60000", "0"), ("offer", "59985", "0.5")]))));
        Assert.Equal(["trdr-lockstep-1"], await channel.SettleAsync(CancellationToken.None));
        var order = (await venue.Client.FindOrderByClientOrderIdAsync(ExecutionHarness.Product, "trdr-lockstep-1")).Value;
        Assert.Equal("FILLED", order!.Status);
        Assert.True(channel.OrderUpdates >= 2);
        Assert.Equal(0, channel.Fallbacks);
    }

    [Fact]
    [Trait("Req", "REQ-X2")]
    public async Task A_dropped_connection_makes_the_next_settle_read_everything_over_REST_then_updates_flow_again()
    {
        var clock = VirtualTime.Create();
        await using var venue = await EmbeddedSimulatorVenue.StartAsync(new EmbeddedSimulatorSettings(clock.TimeProvider)
        {
            Faults = new FaultOptions { DropWebSocketAfter = TimeSpan.FromSeconds(30) },
        });
        Assert.True(venue.Ingest(System.Text.Encoding.UTF8.GetBytes(ExecutionHarness.L2(ExecutionHarness.Product,
            [("bid", "59990", "0.5"), ("offer", "60000", "0.5")]))));
        await using var channel = await LockstepUserChannel.ConnectAsync(venue, TimeProvider.System, Wait, Wait, CancellationToken.None);
        Assert.NotNull(channel);

        clock.AdvanceBy(TimeSpan.FromSeconds(31)); // the simulator aborts the connection
        Assert.True(await Eventually.TrueAsync(() => venue.Simulator.Faults.DroppedConnections > 0, Wait));
        // Until the client has noticed the drop, nothing can have been published for it; once it has, a settle says
        // "read everything over REST" (updates published while nobody was subscribed are lost to the channel).
        Assert.True(await Eventually.TrueAsync(() => !venue.Simulator.HasUserSubscriber, Wait));
        Assert.Null(await channel.SettleAsync(CancellationToken.None));
        Assert.Equal(1, channel.Fallbacks);

        // The client reconnects and subscribes again (real-time backoff); settles are trusted again and see new orders.
        Assert.True(await Eventually.TrueAsync(() => venue.Simulator.HasUserSubscriber, Wait));
        var settles = 0;
        while (await channel.SettleAsync(CancellationToken.None) is null) Assert.True(++settles < 100, "the channel never became trusted again");
        var placed = await venue.Venue.PlaceAsync(new VenueOrderRequest("trdr-lockstep-2", ExecutionHarness.Product, OrderSide.Buy,
            ExecutionOrderType.LimitPostOnly, 0.001m, 59990m), CancellationToken.None);
        Assert.Equal(VenuePlacementKind.Placed, placed.Kind);
        Assert.Equal(["trdr-lockstep-2"], await channel.SettleAsync(CancellationToken.None));
    }
}
