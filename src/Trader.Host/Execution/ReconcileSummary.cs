namespace Trader.Host.Execution;

/// <summary>What a reconciliation pass did (NFR-R1): every working order is counted in exactly one outcome.</summary>
public sealed record ReconcileSummary(
    int Checked,
    int Filled,
    int Cancelled,
    int Rejected,
    int StillOpen,
    int Unresolved,
    int FillsRecorded,
    int OpenPositions)
{
    public override string ToString() =>
        $"reconciled {Checked} working orders: {Filled} filled, {Cancelled} cancelled/expired, {Rejected} rejected, " +
        $"{StillOpen} open, {Unresolved} unresolved; {FillsRecorded} fills recorded; {OpenPositions} open positions";
}
