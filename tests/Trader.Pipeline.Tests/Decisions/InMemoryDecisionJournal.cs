using Trader.Pipeline.Decisions;

namespace Trader.Pipeline.Tests.Decisions;

/// <summary>The journal sink tests read: every row in write order; optionally throws on chosen writes.</summary>
internal sealed class InMemoryDecisionJournal : IDecisionJournalSink
{
    private readonly List<DecisionJournalRow> _rows = [];

    /// <summary>When set and true for the rows of a write, that write throws (and stores nothing).</summary>
    public Func<IReadOnlyList<DecisionJournalRow>, bool>? FailWhen { get; set; }

    public IReadOnlyList<DecisionJournalRow> Rows
    {
        get { lock (_rows) return _rows.ToArray(); }
    }

    public IReadOnlyList<string> Lines => Rows.Select(r => r.ToCanonicalLine()).ToArray();

    public Task WriteAsync(IReadOnlyList<DecisionJournalRow> rows, CancellationToken cancellationToken)
    {
        if (FailWhen?.Invoke(rows) == true) throw new IOException("journal disk full (test)");
        lock (_rows) _rows.AddRange(rows);
        return Task.CompletedTask;
    }
}
