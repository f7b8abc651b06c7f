using Trader.Domain.Decisions;
using Trader.Domain.Rules;
using Trader.Domain.Trading;

namespace Trader.Domain.Risk;

/// <summary>A proposal (or a trigger that could not become one) refused with one <see cref="ReasonCodes"/> code.</summary>
public sealed record Rejection
{
    private readonly ReasonText _detail;

    /// <param name="detail">A text, or a <see cref="ReasonText.Later{TState}"/> one written when <see cref="Detail"/> is first read.</param>
    public Rejection(string productId, OrderSide side, ProposalKind kind, string reasonCode, ReasonText detail, TradeProposal? proposal = null)
    {
        ProductId = productId;
        Side = side;
        Kind = kind;
        ReasonCode = reasonCode;
        _detail = detail;
        Proposal = proposal;
    }

    public string ProductId { get; init; }

    public OrderSide Side { get; init; }

    public ProposalKind Kind { get; init; }

    public string ReasonCode { get; init; }

    public string Detail => _detail.ToString();

    public TradeProposal? Proposal { get; init; }
}
