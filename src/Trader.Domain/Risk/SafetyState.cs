using Trader.Domain.Market;

namespace Trader.Domain.Risk;

/// <summary>
/// The safety gates as the pipeline holds them at the start of a cycle: the kill switch, latched
/// drawdown / daily / weekly halts (released by an operator or the next day / week; the decision also computes
/// them from the portfolio), the exchange's health and the products whose latest tick the outlier guard
/// rejected.
/// </summary>
public sealed record SafetyState(
    bool KillSwitchActive,
    ProductHealth ExchangeHealth,
    bool DrawdownHaltLatched = false,
    bool DailyStopLatched = false,
    bool WeeklyStopLatched = false,
    IReadOnlySet<string>? OutlierProducts = null)
{
    public static readonly SafetyState Clear = new(false, ProductHealth.Online);

    public bool IsOutlier(string productId) => OutlierProducts?.Contains(productId) == true;
}
