using System.Diagnostics;
using System.Text.RegularExpressions;
using Trader.Testing;

namespace Trader.EndToEnd.Tests.Live;

/// <summary>
/// Issue 6 "Done when": LIVE against the simulator as venue, with a test key, places, reconciles and stops real orders
/// through the same code that would talk to Coinbase: the real `trader run --mode live --venue sim:URL` process, the
/// simulator's own order book as the other side of the count; kill -9 with resting orders and a reconciled restart;
/// `trader kill` cancels every resting order on the venue and nothing more is sent.
/// </summary>
public sealed class LiveAgainstSimulatorTests
{
    private static readonly TimeSpan FirstOrders = TimeSpan.FromSeconds(120); // the first 1-minute candle closes on the next minute boundary

    [Fact]
    [Trait("Req", "REQ-M1")]
    [Trait("Req", "REQ-X1")]
    [Trait("Req", "NFR-S1")]
    [Trait("Req", "NFR-R1")]
    [Trait("Req", "REQ-K1")]
    public async Task Live_run_places_post_only_orders_on_the_simulator_restarts_reconciled_after_kill_9_and_cancels_all_on_kill()
    {
        await using var rig = await LiveSimRig.StartAsync("trader-live-", "limit_post_only");
        List<StateOrderRow> placed;
        using (var run = rig.StartRun())
        {
            Assert.True(run.WaitForOutput("start reconciliation before the first cycle", TimeSpan.FromSeconds(60)), run.Output);
            Assert.True(run.WaitForOutput("user channel connected", TimeSpan.FromSeconds(30)), run.Output);

            // Both products get an entry once the first candle closes: post-only orders resting on the simulator (one may
            // fill at once if the walk crosses it).
            Assert.True(await Eventually.TrueAsync(() => rig.StateOrders().Count(o => o.VenueOrderId is not null) >= 2, FirstOrders), run.Output);
            placed = rig.StateOrders().Where(o => o.VenueOrderId is not null).ToList();
            Assert.Equal(LiveSimRig.Products, placed.Select(o => o.ProductId).Order().ToArray());
            var venue = await rig.VenueOrdersAsync();
            Assert.Equal(placed.Select(o => $"{o.ClientOrderId} {o.VenueOrderId}").Order().ToList(),
                venue.Select(o => $"{o.ClientOrderId} {o.OrderId}").Order().ToList());
            // The user channel saw each placement and had the order read back over REST.
            foreach (var order in placed)
                Assert.True(run.WaitForOutput($"user channel: {order.ClientOrderId} ", TimeSpan.FromSeconds(10)), run.Output);
            Assert.Contains("at the venue; reconciled over REST", run.Output);

            // Against a simulator, every log line says so (CONTRACTS.md §2).
            var logLines = run.Output.Split('\n').Where(l => Regex.IsMatch(l, @"^\d{4}-\d\d-\d\dT\S+ (INF|WRN|ERR|DBG) ")).ToList();
            Assert.NotEmpty(logLines);
            Assert.All(logLines, l => Assert.Contains("SIMULATOR", l));

            // kill -9 with orders resting on the venue.
            run.Signal(9);
            Assert.True(run.WaitForExit(TimeSpan.FromSeconds(10)));
        }

        var working = rig.StateOrders().Count(o => o.Status is "open" or "pending_submit" or "ambiguous");
        using (var restarted = rig.StartRun())
        {
            Assert.True(restarted.WaitForOutput("start reconciliation before the first cycle", TimeSpan.FromSeconds(60)), restarted.Output);
            Assert.True(restarted.WaitForOutput("cycle 1:", TimeSpan.FromSeconds(30)), restarted.Output);
            var output = restarted.Output;
            Assert.True(output.IndexOf("start reconciliation before the first cycle", StringComparison.Ordinal) < output.IndexOf("cycle 1:", StringComparison.Ordinal));
            Assert.Contains($"reconciled {working} working orders", output);
            await rig.AssertStateMatchesVenueAsync(fillsSettled: false);

            // The operator's kill from another shell: every resting order is cancelled on the venue within 10 s (REQ-K1)
            // and nothing more is sent (NFR-S1).
            using (var kill = rig.StartCommand("kill", "--reason", "e2e: live kill drill"))
            {
                Assert.True(kill.WaitForExit(TimeSpan.FromSeconds(60)));
                Assert.Equal(0, kill.ExitCode);
            }
            Assert.True(restarted.WaitForOutput("KILL SWITCH ACTIVE", TimeSpan.FromSeconds(10)), restarted.Output);
            Assert.True(await Eventually.TrueAsync(() => rig.StateOrders().All(o => o.Status is not ("open" or "pending_submit" or "ambiguous")), TimeSpan.FromSeconds(10)),
                restarted.Output);
            var venue = await rig.VenueOrdersAsync();
            Assert.DoesNotContain(venue, o => o.Status == "OPEN");
            // State may hold more rows than the venue: an order the venue refused (a post-only that would cross) is
            // journaled as rejected and never becomes a venue order. What must not change after the kill is either count.
            var stateAtKill = rig.StateOrders();
            var venueAtKill = venue.Count;
            var cyclesAtKill = CycleCount(restarted.Output);
            Assert.True(await Eventually.TrueAsync(() => CycleCount(restarted.Output) >= cyclesAtKill + 3, TimeSpan.FromSeconds(30)), restarted.Output);
            var stateAfter = rig.StateOrders();
            Assert.True(stateAtKill.Count == stateAfter.Count, "state orders after the kill:\n" + string.Join("\n", stateAfter));
            Assert.Equal(venueAtKill, (await rig.VenueOrdersAsync()).Count);
            Assert.Equal(stateAfter.Count(o => o.VenueOrderId is not null), venueAtKill);
            Assert.All(stateAfter.Where(o => o.VenueOrderId is null), o => Assert.Equal("rejected", o.Status));
            await rig.AssertStateMatchesVenueAsync();

            restarted.Signal(15);
            Assert.True(restarted.WaitForExit(TimeSpan.FromSeconds(15)));
            Assert.Equal(0, restarted.ExitCode);
        }
    }

    private static int CycleCount(string output) => Regex.Matches(output, @" cycle \d+: ").Count;
}
