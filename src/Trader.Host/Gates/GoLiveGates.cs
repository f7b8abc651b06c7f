using Trader.Domain.Config;
using Trader.Host.ClockSync;
using Trader.State.Storage;

namespace Trader.Host.Gates;

/// <summary>
/// The go-live gates of spec §6 that evidence and config decide, in the order <c>trader gates</c> lists them
/// (<c>config_valid</c> comes first and is decided by loading the config). CI green (§6.1) is CI's own gate; the
/// canary (§6.5) is not a gate but a policy once LIVE (<see cref="CanaryPolicy"/>).
/// </summary>
public static class GoLiveGates
{
    public static IReadOnlyList<GoLiveGate> All(GateEvidence evidence) =>
    [
        new SecretsGate(),
        new ClockSyncGate(evidence),
        new PaperRehearsal(evidence),
        new KillDrillGate(evidence),
        new TelemetryGate(),
        new AlertsGate(evidence),
        new JitterGate(),
    ];

    /// <summary>The gates <c>trader run --mode live</c> adds to <see cref="Modes.LiveReadiness.Standard"/> (which already checks the key and its rotation).</summary>
    public static IReadOnlyList<GoLiveGate> BeyondStandard(GateEvidence evidence) => All(evidence).Where(g => g is not SecretsGate).ToList();

    /// <summary>
    /// Gathers the evidence: checks the clock now (recording the check when the store is open) and reads the
    /// evidence records. With <paramref name="createStore"/> false a missing state DB is read as "no evidence" and
    /// not created (a read-only command on a fresh install).
    /// </summary>
    public static async Task<GateEvidence> GatherAsync(string statePath, bool createStore, TraderConfig config, TimeProvider time,
        Func<string, string?> environment, bool checkClock, CancellationToken cancel)
    {
        using var store = createStore || File.Exists(statePath) ? StateStore.Open(statePath) : null;
        ClockCheck? clock = null;
        if (checkClock)
            clock = await ClockSyncChecker.Create(config.App.Clock, time, store?.Evidence).CheckAsync(cancel);
        return GateEvidence.From(store?.Evidence, time.GetUtcNow(), clock, environment);
    }
}
