using Trader.Pipeline.Decisions;
using Trader.State.Journal;

namespace Trader.Host.Runtime;

/// <summary>The decision pipeline's journal in the state DB: a cycle's rows in one transaction.</summary>
public sealed class StateJournalSink(DecisionJournal journal) : IDecisionJournalSink
{
    public Task WriteAsync(IReadOnlyList<DecisionJournalRow> rows, CancellationToken cancellationToken)
    {
        journal.Append(rows.Select(r => new DecisionEntry
        {
            CycleId = r.CycleId,
            Ts = r.Ts,
            ProductId = r.ProductId,
            Kind = r.Kind,
            Outcome = r.Outcome,
            ReasonCode = r.ReasonCode,
            PayloadJson = r.Payload,
            Latency = r.Latency,
        }).ToList());
        return Task.CompletedTask;
    }
}
