using Trader.Domain.Rules;
using Trader.Domain.Trading;

namespace Trader.Domain.Risk;

/// <summary>A proposal (or a trigger that could not become one) refused with one <see cref="ReasonCodes"/> code.</summary>
public sealed record Rejection(
    string ProductId,
    OrderSide Side,
    ProposalKind Kind,
    string ReasonCode,
    string Detail,
    TradeProposal? Proposal = null);
