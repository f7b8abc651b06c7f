using Serilog;
using Trader.Pipeline.Alerting;
using Trader.Pipeline.Safety;
using Trader.State.Storage;

namespace Trader.Host.Safety;

/// <summary>
/// Composes the kill switch for a service on a data directory: the kill file and the halt row as probes, every
/// activation persisted as a <c>kill_switch</c> halt with its <c>halt_reason</c> (REQ-K1 (d)), alerts to the alert manager.
/// </summary>
public static class KillSwitchSetup
{
    public static (KillSwitch Switch, KillSwitchMonitor Monitor) Create(string killFilePath, StateStore store,
        System.Reactive.Concurrency.IScheduler scheduler, AlertManager alerts, ILogger log)
    {
        var killSwitch = new KillSwitch();
        killSwitch.Activated += activation =>
        {
            if (store.Halts.FindActive(HaltRowProbe.Gate, HaltRowProbe.Scope) is null)
                store.Halts.Activate(HaltRowProbe.Gate, HaltRowProbe.Scope, activation.Reason, activation.ActivatedAt);
            log.Fatal("KILL SWITCH ACTIVE ({Source}): {HaltReason}; detected {DetectionMs} ms after activation",
                activation.Source, activation.Reason, (long)activation.DetectionLatency.TotalMilliseconds);
        };
        killSwitch.Released += was => log.Warning("kill switch released (was: {HaltReason})", was.Reason);
        var monitor = new KillSwitchMonitor(killSwitch, [new KillFile(killFilePath), new HaltRowProbe(store.Halts)], scheduler, alerts.Raise);
        return (killSwitch, monitor);
    }
}
