using Trader.Domain.Decisions;
using Trader.Pipeline.Decisions;
using Trader.Pipeline.Execution;
using Trader.Pipeline.Scheduling;
using Trader.Pipeline.Safety;

namespace Trader.Host.Execution;

/// <summary>
/// PAPER and LIVE execution: hands each approved order to the <see cref="OrderManager"/>. The kill switch is read
/// again at the moment of sending, so a proposal already in flight when it flips is not placed (REQ-K1, NFR-S1);
/// such an order is journaled as <c>not_sent</c> with reason <c>kill_switch</c>.
/// </summary>
public sealed class OrderManagerExecutionPort(
    OrderManager manager,
    KillSwitch killSwitch,
    IDecisionJournalSink journal,
    TimeProvider time,
    Action<SubmitResult>? submitted = null) : IExecutionPort
{
    public const string NotSent = "not_sent";

    public async Task SubmitAsync(ApprovedOrder order, CycleTick tick, CancellationToken cancellationToken)
    {
        if (killSwitch.IsActive)
        {
            var o = order.Order;
            await journal.WriteAsync([new DecisionJournalRow(tick.CycleId, tick.Due, o.ProductId, DecisionJournalKinds.OrderIntent, NotSent,
                "kill_switch", DecisionJournalText.Order(order), time.GetUtcNow() - tick.Due)], cancellationToken).ConfigureAwait(false);
            return;
        }
        var result = await manager.SubmitAsync(order, tick.CycleId, cancellationToken).ConfigureAwait(false);
        submitted?.Invoke(result);
    }
}
