namespace Trader.Host.Reports;

/// <summary>The replay / run / demo report of CONTRACTS.md §6.</summary>
public sealed record ReplayReport
{
    public long Frames { get; init; }
    public long ParseErrors { get; init; }
    public long Cycles { get; init; }
    public long CyclesSkipped { get; init; }
    public long Proposals { get; init; }
    public long OrdersPlaced { get; init; }
    public long Fills { get; init; }
    public IReadOnlyDictionary<string, long> RejectedByReason { get; init; } = new SortedDictionary<string, long>(StringComparer.Ordinal);
    public IReadOnlyList<ReportOrder> Orders { get; init; } = [];
    public decimal Fees { get; init; }
    public decimal RealizedPnl { get; init; }
    public double MaxDrawdownPct { get; init; }
    public IReadOnlyList<ReportAlert> Alerts { get; init; } = [];
    public IReadOnlyList<ReportHalt> Halts { get; init; } = [];
    /// <summary>Real-clock cycle processing time (NFR-P1); null when no cycle ran. Not in the digest.</summary>
    public CycleLatency? CycleLatency { get; init; }

    public required string Digest { get; init; }
}
