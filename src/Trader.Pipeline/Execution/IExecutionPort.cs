using Trader.Domain.Decisions;
using Trader.Pipeline.Scheduling;

namespace Trader.Pipeline.Execution;

/// <summary>
/// Where approved orders leave the decision pipeline (implemented by execution). Called once per approved order,
/// exits before entries, one at a time in decision order. Size with the same <c>OrderSizer</c> the decision used.
/// </summary>
public interface IExecutionPort
{
    Task SubmitAsync(ApprovedOrder order, CycleTick tick, CancellationToken cancellationToken);
}
