using Trader.Domain.Decisions;
using Trader.Domain.Trading;
using Trader.Domain.Triggers;

namespace Trader.Domain.Rules;

/// <summary>
/// REQ-R2: what the rules want, before risk. <see cref="NotionalPct"/> is percent of NAV (3.0 = 3 %), already
/// scaled by the regime multiplier; stop-loss and take-profit are percent from the entry price; conviction is
/// in [0, 1]. An exit carries the <see cref="BaseSize"/> to sell and its <see cref="ExitReason"/>. <see cref="Why"/>
/// is a text or one written when first read (<see cref="ReasonText.Later{TState}"/>).
/// </summary>
public sealed record TradeProposal(
    string ProductId,
    OrderSide Side,
    ProposalKind Kind,
    decimal NotionalPct,
    decimal StopLossPct,
    decimal TakeProfitPct,
    decimal Conviction,
    TriggerSignal? Trigger,
    ReasonText Why,
    TimeSpan? MaxHold,
    decimal? BaseSize = null,
    ExitReason? ExitReason = null)
{
    public string Reason => Why.ToString();

    /// <summary>snake_case exit reason for logs and reports (stop_loss, take_profit, max_hold), or null.</summary>
    public string? ExitReasonName => ExitReason switch
    {
        Rules.ExitReason.StopLoss => "stop_loss",
        Rules.ExitReason.TakeProfit => "take_profit",
        Rules.ExitReason.MaxHold => "max_hold",
        _ => null,
    };
}
