using Trader.Pipeline.Decisions;

namespace Trader.Bench.Decisions;

/// <summary>A journal sink that keeps only a row count (the benchmark measures the stages, not storage).</summary>
internal sealed class CountingJournal : IDecisionJournalSink
{
    private long _rows;

    public long Rows => Interlocked.Read(ref _rows);

    public Task WriteAsync(IReadOnlyList<DecisionJournalRow> rows, CancellationToken cancellationToken)
    {
        Interlocked.Add(ref _rows, rows.Count);
        return Task.CompletedTask;
    }
}
