using Trader.Domain.Decisions;
using Trader.Pipeline.Decisions;
using Trader.Pipeline.Execution;
using Trader.Pipeline.Scheduling;
using Trader.Pipeline.Safety;
using Trader.Domain.Risk;
using Trader.Host.Safety;

namespace Trader.Host.Execution;

/// <summary>
/// PAPER and LIVE execution: hands each approved order to the <see cref="OrderManager"/>. The kill switch and the
/// account-wide halts (drawdown, daily/weekly stop: <paramref name="activeHaltGate"/>) are read again at the moment of
/// sending, so a proposal already in flight when one of them trips is not placed (REQ-K1, REQ-DD1, NFR-S1); such an
/// order is journaled as <c>not_sent</c> with the gate's reason code.
/// </summary>
public sealed class OrderManagerExecutionPort(
    OrderManager manager,
    KillSwitch killSwitch,
    IDecisionJournalSink journal,
    TimeProvider time,
    Action<SubmitResult>? submitted = null,
    Func<string?>? activeHaltGate = null) : IExecutionPort
{
    public const string NotSent = "not_sent";

    public async Task SubmitAsync(ApprovedOrder order, CycleTick tick, CancellationToken cancellationToken)
    {
        var blockedBy = BlockedBy();
        if (blockedBy is not null)
        {
            var o = order.Order;
            await journal.WriteAsync([new DecisionJournalRow(tick.CycleId, tick.Due, o.ProductId, DecisionJournalKinds.OrderIntent, NotSent,
                blockedBy, DecisionJournalText.Order(order), time.GetUtcNow() - tick.Due)], cancellationToken).ConfigureAwait(false);
            return;
        }
        var result = await manager.SubmitAsync(order, tick.CycleId, cancellationToken).ConfigureAwait(false);
        submitted?.Invoke(result);
    }

    /// <summary>
    /// The send-time gate (NFR-S1): the reason code of the kill switch or account halt that forbids sending an order
    /// now, or null. Every replacement of the working-order lifecycle reads it too, right before it is sent.
    /// </summary>
    public string? BlockedBy() => killSwitch.IsActive ? ReasonCodes.KillSwitch : ReasonOf(activeHaltGate?.Invoke());

    private static string? ReasonOf(string? gate) => gate switch
    {
        null => null,
        DrawdownMonitor.DrawdownGate => ReasonCodes.MaxDrawdown,
        DrawdownMonitor.DailyGate => ReasonCodes.DailyStopLoss,
        DrawdownMonitor.WeeklyGate => ReasonCodes.WeeklyStopLoss,
        _ => ReasonCodes.KillSwitch,
    };
}
