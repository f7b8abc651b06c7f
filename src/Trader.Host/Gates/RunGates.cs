using Serilog;
using Trader.Domain.Config;
using Trader.Domain.Trading;
using Trader.Host.Cli;
using Trader.Host.ClockSync;
using Trader.Host.Modes;
using Trader.Host.Runtime;
using Trader.Host.Secrets;
using Trader.Pipeline.Alerting;
using Trader.Pipeline.Clock;
using Trader.Pipeline.Safety;
using Trader.State.Storage;

namespace Trader.Host.Gates;

/// <summary>
/// The go-live gates and the clock gate as <c>trader run</c> applies them (CONTRACTS.md §2). Two calls from
/// <see cref="TraderService"/>: <see cref="DecideAsync"/> instead of <c>ModeGate.Standard.Decide</c> (LIVE against
/// Coinbase also needs every gate of <see cref="GoLiveGates"/>, including a clock check made now; against a
/// simulator the gates are evaluated and reported as notes but not enforced), and <see cref="StartClockMonitor"/>
/// once alerts and the kill switch exist (hourly re-check; PAPER/DRY_RUN also check right away, in the background,
/// and only warn).
/// </summary>
public static class RunGates
{
    public static async Task<ModeDecision> DecideAsync(CliContext context, CommonArgs args, RunOptions options, TraderConfig config,
        SecretsStatus secrets, CancellationToken cancel)
    {
        var request = new LiveRequest(options.Mode, config, secrets);
        var mode = options.Mode ?? config.App.App.Mode;
        if (mode != TradingMode.Live) return ModeGate.Standard.Decide(request);

        var clockAction = ClockGateScope.For(mode, options.Feed, options.Venue);
        var evidence = await GoLiveGates.GatherAsync(Path.Combine(args.DataDir, config.App.State.Path), createStore: true, config,
            context.Clock.Real.Time, context.Environment, checkClock: clockAction != ClockGateAction.Exempt, cancel);
        var gates = GoLiveGates.BeyondStandard(evidence);
        if (clockAction == ClockGateAction.Exempt) gates = gates.Where(g => g is not ClockSyncGate).ToList();

        var venue = options.Venue ?? ClockGateScope.DefaultVenue(mode);
        if (venue == "coinbase")
            return new ModeGate(LiveReadiness.Standard.With([.. gates])).Decide(request);

        var decision = ModeGate.Standard.Decide(request);
        var notes = decision.Notes.ToList();
        foreach (var gate in gates)
        {
            var verdict = gate.Evaluate(request);
            notes.Add($"SIMULATOR: go-live gate {gate.Name} {(verdict.Met ? "met" : "UNMET")} (not enforced against a simulator): {verdict.Detail}");
        }
        return decision with { Notes = notes };
    }

    /// <summary>Starts the hourly clock re-check for this run; null when the run is exempt (replay feed, simulator venue).</summary>
    public static ClockSyncMonitor? StartClockMonitor(TradingMode mode, RunOptions options, ClockSection clockConfig, TraderClock clock, StateStore store,
        AlertManager alerts, KillSwitchMonitor killMonitor, ILogger log)
    {
        var action = ClockGateScope.For(mode, options.Feed, options.Venue);
        if (action == ClockGateAction.Exempt) return null;
        var monitor = new ClockSyncMonitor(ClockSyncChecker.Create(clockConfig, clock.Time, store.Evidence), action, clock.Scheduler,
            alerts.Raise, reason => killMonitor.ActivateNow(reason, "clock_drift"), log);
        // LIVE checked the clock before starting (DecideAsync); the other modes check now without delaying start-up.
        monitor.Start(checkNow: action == ClockGateAction.Warn);
        return monitor;
    }
}
