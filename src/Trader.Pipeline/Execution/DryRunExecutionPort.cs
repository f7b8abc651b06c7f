using System.Collections.Concurrent;
using Trader.Domain.Decisions;
using Trader.Pipeline.Decisions;
using Trader.Pipeline.Scheduling;

namespace Trader.Pipeline.Execution;

/// <summary>
/// DRY_RUN execution: sends nothing anywhere. Every would-be order is journaled as an <c>order_intent</c> row with
/// outcome <c>dry_run_not_sent</c> and kept in <see cref="Orders"/> so a report can count them.
/// </summary>
public sealed class DryRunExecutionPort : IExecutionPort
{
    private readonly IDecisionJournalSink _journal;
    private readonly TimeProvider _time;
    private readonly ConcurrentQueue<(CycleTick Tick, ApprovedOrder Order)> _orders = new();

    public DryRunExecutionPort(IDecisionJournalSink journal, TimeProvider time)
    {
        _journal = journal;
        _time = time;
    }

    /// <summary>Every order handed over so far, in order.</summary>
    public IReadOnlyList<(CycleTick Tick, ApprovedOrder Order)> Orders => _orders.ToArray();

    public async Task SubmitAsync(ApprovedOrder order, CycleTick tick, CancellationToken cancellationToken)
    {
        _orders.Enqueue((tick, order));
        var o = order.Order;
        var row = new DecisionJournalRow(
            tick.CycleId, tick.Due, o.ProductId, DecisionJournalKinds.OrderIntent, DecisionJournalKinds.DryRun, null,
            DecisionJournalText.Order(order), _time.GetUtcNow() - tick.Due);
        await _journal.WriteAsync([row], cancellationToken).ConfigureAwait(false);
    }
}
