namespace Trader.Domain.Risk;

/// <summary>
/// The stable snake_case reason codes of CONTRACTS.md §7 that universe and risk outcomes carry.
/// Reports, logs and the state store use these strings verbatim: never rename one.
/// </summary>
public static class ReasonCodes
{
    public const string KillSwitch = "kill_switch";
    public const string StaleQuote = "stale_quote";
    public const string StaleOhlcv = "stale_ohlcv";
    public const string ProductUnhealthy = "product_unhealthy";
    public const string ExchangeUnhealthy = "exchange_unhealthy";
    public const string Outlier = "outlier";
    public const string WideSpread = "wide_spread";
    public const string MaxDrawdown = "max_drawdown";
    public const string DailyStopLoss = "daily_stop_loss";
    public const string WeeklyStopLoss = "weekly_stop_loss";
    public const string MaxTotalAtRiskPct = "max_total_at_risk_pct";
    public const string PositionSizeTooLarge = "position_size_too_large";
    public const string ThemeCap = "theme_cap";
    public const string TierCap = "tier_cap";
    public const string MaxOpenPositions = "max_open_positions";
    public const string Cooldown = "cooldown";
    public const string CooldownAfterStop = "cooldown_after_stop";
    public const string TradeSpacing = "trade_spacing";
    public const string TradeFrequency = "trade_frequency";
    public const string BelowMinNotional = "below_min_notional";
    public const string NoCapacity = "no_capacity";
    public const string ShortNotAllowed = "short_not_allowed";
    public const string LowConviction = "low_conviction";
    public const string NotEligible = "not_eligible";

    /// <summary>Every code, in the order of CONTRACTS.md §7.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        KillSwitch, StaleQuote, StaleOhlcv, ProductUnhealthy, ExchangeUnhealthy, Outlier, WideSpread,
        MaxDrawdown, DailyStopLoss, WeeklyStopLoss, MaxTotalAtRiskPct, PositionSizeTooLarge, ThemeCap, TierCap,
        MaxOpenPositions, Cooldown, CooldownAfterStop, TradeSpacing, TradeFrequency, BelowMinNotional,
        NoCapacity, ShortNotAllowed, LowConviction, NotEligible,
    ];
}
