namespace Trader.Domain.Rules;

/// <summary>Why an open position is exited (checked in this order).</summary>
public enum ExitReason
{
    StopLoss,
    TakeProfit,
    MaxHold,
}
