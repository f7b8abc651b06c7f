namespace Trader.EndToEnd.Tests.Live;

/// <summary>
/// NFR-R1 with the real process: `trader run --mode live --venue sim:URL` (market IOC orders) is killed with SIGKILL
/// mid-order and restarted. The simulator answers every request after 1 s (<c>latency=1000ms</c>) and drops the
/// connection after accepting every create (<c>timeout_after_accept=1.0</c>), so an order sits persisted as
/// pending_submit while the venue already has it (and filled it) for a couple of seconds: the in-flight window
/// is wide enough to kill inside. (Kill -9 with resting orders is in <see cref="LiveAgainstSimulatorTests"/>.)
/// </summary>
public sealed class KillNineRestartTests
{
    private static readonly TimeSpan FirstOrder = TimeSpan.FromSeconds(120); // each fresh process trades after its first 1-minute candle closes
    private const string StartReconciled = "start reconciliation before the first cycle";

    [Fact]
    [Trait("Req", "NFR-R1")]
    [Trait("Req", "REQ-X1")]
    public async Task Kill_9_while_an_order_is_pending_submit_and_right_after_placement_loses_nothing_and_duplicates_nothing()
    {
        await using var rig = await LiveSimRig.StartAsync("trader-kill9-", "market_ioc", "latency=1000ms,timeout_after_accept=1.0");

        // 1. Killed while the order is persisted pending_submit and the venue has already accepted (and filled) it.
        string inFlight;
        using (var run = rig.StartRun())
        {
            // The venue has accepted more orders than state has venue ids for: the pending_submit one is at the venue.
            Assert.True(await Eventually.TrueAsync(() =>
            {
                var state = rig.StateOrders();
                return rig.Sim.Faults.TimeoutsAfterAccept > state.Count(o => o.VenueOrderId is not null) && state.Any(o => o.Status == "pending_submit");
            }, FirstOrder), run.Output);
            run.Signal(9);
            Assert.True(run.WaitForExit(TimeSpan.FromSeconds(10)));
        }
        var afterFirstKill = rig.StateOrders();
        inFlight = Assert.Single(afterFirstKill, o => o.Status == "pending_submit").ClientOrderId;
        Assert.Contains(await rig.VenueOrdersAsync(), o => o.ClientOrderId == inFlight && o.Status == "FILLED");

        // 2. The restart reconciles it before its first cycle: found by client order id, fills recorded, not re-sent.
        using (var run = rig.StartRun())
        {
            Assert.True(run.WaitForOutput(StartReconciled, TimeSpan.FromSeconds(60)), run.Output);
            Assert.True(run.WaitForOutput("cycle 1:", TimeSpan.FromSeconds(30)), run.Output);
            Assert.True(run.Output.IndexOf(StartReconciled, StringComparison.Ordinal) < run.Output.IndexOf("cycle 1:", StringComparison.Ordinal), run.Output);
            Assert.Contains($"reconciled {afterFirstKill.Count(o => o.Status is "pending_submit" or "open" or "ambiguous")} working orders", run.Output);
            var resolved = rig.StateOrders().Single(o => o.ClientOrderId == inFlight);
            Assert.Equal("filled", resolved.Status);
            Assert.True(resolved.FilledSize > 0m);
            Assert.Single(await rig.VenueOrdersAsync(), o => o.ClientOrderId == inFlight);

            // 3. Killed right after the next placement: venue id recorded (open), fills not yet read back.
            var known = rig.StateOrders().Select(o => o.ClientOrderId).ToHashSet();
            Assert.True(await Eventually.TrueAsync(
                () => rig.StateOrders().Any(o => !known.Contains(o.ClientOrderId) && o.Status == "open" && o.VenueOrderId is not null), FirstOrder), run.Output);
            run.Signal(9);
            Assert.True(run.WaitForExit(TimeSpan.FromSeconds(10)));
        }
        var afterSecondKill = rig.StateOrders();
        var placedThenKilled = Assert.Single(afterSecondKill, o => o.Status == "open");

        // 4. The next restart records the fills it missed; state and venue agree order for order, positions match fills.
        using (var run = rig.StartRun())
        {
            Assert.True(run.WaitForOutput(StartReconciled, TimeSpan.FromSeconds(60)), run.Output);
            Assert.True(run.WaitForOutput("cycle 1:", TimeSpan.FromSeconds(30)), run.Output);
            Assert.True(run.Output.IndexOf(StartReconciled, StringComparison.Ordinal) < run.Output.IndexOf("cycle 1:", StringComparison.Ordinal), run.Output);
            Assert.Equal("filled", rig.StateOrders().Single(o => o.ClientOrderId == placedThenKilled.ClientOrderId).Status);
            run.Signal(15);
            Assert.True(run.WaitForExit(TimeSpan.FromSeconds(15)), run.Output);
            Assert.Equal(0, run.ExitCode);
        }
        await rig.AssertStateMatchesVenueAsync();
        Assert.True(rig.StatePositions().Values.Count(v => v > 0m) >= 2);
    }
}
