using Trader.Pipeline.Safety;
using Trader.State.Halts;

namespace Trader.Host.Safety;

/// <summary>
/// An active <c>kill_switch</c> halt in the state DB (written by `trader kill`, or left by a run that was halted when
/// it stopped): a restart stays halted until `trader resume` clears it (REQ-K1 (d)).
/// </summary>
public sealed class HaltRowProbe(HaltStore halts) : IKillSignalProbe
{
    public const string Gate = "kill_switch";
    public const string Scope = "all";

    public KillRequest? Probe()
    {
        try
        {
            return halts.FindActive(Gate, Scope) is { } halt ? new KillRequest(halt.HaltReason, "halt_record", halt.ActivatedTs) : null;
        }
        catch (Microsoft.Data.Sqlite.SqliteException)
        {
            return null; // busy or locked for a moment: the next poll sees it
        }
    }
}
