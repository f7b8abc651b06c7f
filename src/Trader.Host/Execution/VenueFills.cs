namespace Trader.Host.Execution;

/// <summary>The fills of one order, or why they could not be read (then nothing is concluded).</summary>
public sealed record VenueFills(IReadOnlyList<VenueFill>? Fills, string? Reason)
{
    public bool IsOk => Fills is not null;
}
