namespace Trader.Host.Gates;

/// <summary>One go-live gate's outcome: met or not, what the evidence says, and (when unmet) what the operator should do.</summary>
public sealed record GateVerdict(bool Met, string Detail, string? Remedy)
{
    public static GateVerdict Pass(string detail) => new(true, detail, null);

    public static GateVerdict Fail(string detail, string remedy) => new(false, detail, remedy);
}
