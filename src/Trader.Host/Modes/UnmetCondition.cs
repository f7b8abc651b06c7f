namespace Trader.Host.Modes;

/// <summary>One condition LIVE needs that is not met: the check's stable name and why, in words an operator can act on.</summary>
public sealed record UnmetCondition(string Check, string Reason)
{
    public override string ToString() => $"{Check}: {Reason}";
}
