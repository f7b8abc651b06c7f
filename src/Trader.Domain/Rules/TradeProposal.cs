using Trader.Domain.Decisions;
using Trader.Domain.Trading;
using Trader.Domain.Triggers;

namespace Trader.Domain.Rules;

/// <summary>
/// REQ-R2: what the rules want, before risk. <see cref="NotionalPct"/> is percent of NAV (3.0 = 3 %), already
/// scaled by the regime multiplier; stop-loss and take-profit are percent from the entry price; conviction is
/// in [0, 1]. An exit carries the <see cref="BaseSize"/> to sell and its <see cref="ExitReason"/>.
/// </summary>
public sealed record TradeProposal
{
    private readonly ReasonText _reason;

    /// <param name="reason">A text, or a <see cref="ReasonText.Later{TState}"/> one written when <see cref="Reason"/> is first read.</param>
    public TradeProposal(
        string productId,
        OrderSide side,
        ProposalKind kind,
        decimal notionalPct,
        decimal stopLossPct,
        decimal takeProfitPct,
        decimal conviction,
        TriggerSignal? trigger,
        ReasonText reason,
        TimeSpan? maxHold,
        decimal? baseSize = null,
        ExitReason? exitReason = null)
    {
        ProductId = productId;
        Side = side;
        Kind = kind;
        NotionalPct = notionalPct;
        StopLossPct = stopLossPct;
        TakeProfitPct = takeProfitPct;
        Conviction = conviction;
        Trigger = trigger;
        _reason = reason;
        MaxHold = maxHold;
        BaseSize = baseSize;
        ExitReason = exitReason;
    }

    public string ProductId { get; init; }

    public OrderSide Side { get; init; }

    public ProposalKind Kind { get; init; }

    public decimal NotionalPct { get; init; }

    public decimal StopLossPct { get; init; }

    public decimal TakeProfitPct { get; init; }

    public decimal Conviction { get; init; }

    public TriggerSignal? Trigger { get; init; }

    public string Reason => _reason.ToString();

    public TimeSpan? MaxHold { get; init; }

    public decimal? BaseSize { get; init; }

    public ExitReason? ExitReason { get; init; }

    /// <summary>snake_case exit reason for logs and reports (stop_loss, take_profit, max_hold), or null.</summary>
    public string? ExitReasonName => ExitReason switch
    {
        Rules.ExitReason.StopLoss => "stop_loss",
        Rules.ExitReason.TakeProfit => "take_profit",
        Rules.ExitReason.MaxHold => "max_hold",
        _ => null,
    };
}
