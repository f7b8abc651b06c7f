using Trader.State.Halts;

namespace Trader.Host.Safety;

/// <summary>
/// What `trader resume --reason TEXT` releases: the kill switch and a latched drawdown halt (REQ-K1, REQ-DD1), each
/// cleared with the operator and the time. Daily and weekly stops are not released by hand: they end with their
/// UTC day / ISO week (<see cref="DrawdownMonitor"/>).
/// </summary>
public static class OperatorRelease
{
    public static readonly IReadOnlyList<string> Gates = [HaltRowProbe.Gate, DrawdownMonitor.DrawdownGate];

    /// <summary>Clears every operator-released halt that is active; returns the gates it cleared.</summary>
    public static IReadOnlyList<string> Resume(HaltStore halts, DateTimeOffset now, string user, string reason)
    {
        var cleared = new List<string>();
        foreach (var gate in Gates)
            if (halts.Clear(gate, DrawdownMonitor.Scope, now, user, reason)) cleared.Add(gate);
        return cleared;
    }
}
