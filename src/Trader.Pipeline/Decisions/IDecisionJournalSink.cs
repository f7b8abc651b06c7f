namespace Trader.Pipeline.Decisions;

/// <summary>
/// Where a cycle's decision rows go (the SQLite journal in the host, memory in tests). Called from one stage
/// at a time, in cycle order. A throwing sink is counted and logged by the pipeline, never fatal.
/// </summary>
public interface IDecisionJournalSink
{
    Task WriteAsync(IReadOnlyList<DecisionJournalRow> rows, CancellationToken cancellationToken);
}
