using Trader.Host.Modes;

namespace Trader.Host.Gates;

/// <summary>The clock-sync gate (REQ-TIME1): the check made for this evaluation found the host clock within <c>clock.max_drift_ms</c>.</summary>
public sealed class ClockSyncGate(GateEvidence evidence) : GoLiveGate
{
    public override string Name => "clock_sync";

    public override GateVerdict Evaluate(LiveRequest request) => evidence.Clock switch
    {
        null => GateVerdict.Fail("the clock was not checked", "run `trader gates` to check it against clock.ntp_servers"),
        { InSync: true } check => GateVerdict.Pass(check.Summary),
        { } check => GateVerdict.Fail(check.Problem!,
            "sync the host clock with NTP (chrony or systemd-timesyncd) and make sure clock.ntp_servers answer on UDP"),
    };
}
