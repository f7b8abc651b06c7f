using Trader.Domain.Decisions;
using Trader.Domain.Rules;
using Trader.Domain.Trading;

namespace Trader.Domain.Risk;

/// <summary>
/// A proposal (or a trigger that could not become one) refused with one <see cref="ReasonCodes"/> code.
/// <see cref="Why"/> is a text or one written when first read (<see cref="ReasonText.Later{TState}"/>).
/// </summary>
public sealed record Rejection(
    string ProductId,
    OrderSide Side,
    ProposalKind Kind,
    string ReasonCode,
    ReasonText Why,
    TradeProposal? Proposal = null)
{
    public string Detail => Why.ToString();
}
