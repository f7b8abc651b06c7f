using Trader.Domain.Sizing;
using Trader.ExchangeSim.Faults;
using Trader.Host.Execution;
using Trader.State.Orders;

namespace Trader.EndToEnd.Tests.Execution;

/// <summary>
/// REQ-X1 against the real simulator: placements through the order manager while the simulator drops create-order
/// answers after booking (<c>timeout_after_accept</c>), answers 503 and 429 at random (seeded). Counted on both sides:
/// exactly one venue order per client order id, and every venue order known to our state (none lost).
/// The 10,000-placement chaos run is the same test with TRADER_CHAOS_PLACEMENTS=10000 (docs/EXECUTION.md).
/// </summary>
public sealed class RetryStormTests
{
    [Fact]
    [Trait("Req", "REQ-X1")]
    [Trait("Req", "REQ-CB1")]
    public Task A_retry_storm_of_200_placements_leaves_exactly_one_venue_order_per_client_order_id_and_loses_none() =>
        StormAsync(200);

    [Fact]
    [Trait("Req", "REQ-X1")]
    [Trait("Category", "Chaos")]
    public async Task Chaos_run_with_TRADER_CHAOS_PLACEMENTS_placements()
    {
        // Runs only when asked (it takes minutes): TRADER_CHAOS_PLACEMENTS=10000 dotnet test … --filter Category=Chaos
        if (!int.TryParse(Environment.GetEnvironmentVariable("TRADER_CHAOS_PLACEMENTS"), out var placements) || placements <= 0) return;
        await StormAsync(placements);
    }

    private static async Task StormAsync(int placements)
    {
        var faults = new FaultOptions { TimeoutAfterAccept = 0.10, Http5xx = 0.10, Http429 = 0.10 };
        await using var h = await ExecutionHarness.StartAsync(faults, seed: 2024, usd: 20m * placements + 10_000m);
        var manager = h.Manager(ExecutionOrderType.LimitPostOnly, new Random(5));
        var results = new List<SubmitResult>(placements);
        for (var i = 0; i < placements; i++)
        {
            // Resting post-only buys well below the book (no fills), $10 each, a distinct price per order.
            var price = 50000m - (i % 5000) * 1m;
            var sized = h.Buy(10m, price, LiquidityRole.Maker);
            results.Add(await h.Run(() => manager.SubmitAsync(ExecutionHarness.Approve(sized), i, CancellationToken.None)));
        }
        // Orders left ambiguous (their lookups failed too) are resolved by a reconciliation pass, as on restart.
        for (var pass = 0; pass < 3 && h.State.Orders.Working().Any(o => o.Status != OrderStatus.Open); pass++)
            await h.Run(() => manager.ReconcileWorkingAsync(placements + pass, CancellationToken.None));

        Assert.True(h.Sim.Faults.TimeoutsAfterAccept > 0 && h.Sim.Faults.Http5xx > 0 && h.Sim.Faults.Http429 > 0,
            $"faults injected: {h.Sim.Faults.TimeoutsAfterAccept} timeouts after accept, {h.Sim.Faults.Http5xx} 5xx, {h.Sim.Faults.Http429} 429");

        var ours = h.State.Orders.CreatedSince(DateTimeOffset.MinValue);
        Assert.Equal(placements, ours.Count);
        Assert.Equal(placements, ours.Select(o => o.ClientOrderId).Distinct().Count());
        Assert.DoesNotContain(ours, o => o.Status is OrderStatus.PendingSubmit or OrderStatus.Ambiguous);

        var venue = await h.VenueOrdersAsync();
        var perClientId = venue.GroupBy(o => o.ClientOrderId ?? "").ToDictionary(g => g.Key, g => g.ToList());
        Assert.All(perClientId, pair => Assert.Single(pair.Value)); // never two venue orders for one client order id

        foreach (var order in ours)
        {
            perClientId.TryGetValue(order.ClientOrderId, out var onVenue);
            if (order.Status == OrderStatus.Open)
            {
                var venueOrder = Assert.Single(onVenue!);
                Assert.Equal(venueOrder.OrderId, order.VenueOrderId);
                Assert.Equal("OPEN", venueOrder.Status);
            }
            else
            {
                Assert.Equal(OrderStatus.Rejected, order.Status); // refused by preview or by the venue: never booked
                Assert.Null(onVenue);
            }
        }
        // None lost: every venue order is one of ours, and the counts agree.
        Assert.Equal(ours.Count(o => o.Status == OrderStatus.Open), venue.Count);
        Assert.True(ours.Count(o => o.Status == OrderStatus.Open) >= placements * 8 / 10,
            $"only {ours.Count(o => o.Status == OrderStatus.Open)} of {placements} placed: the storm should delay, not refuse");
    }
}
