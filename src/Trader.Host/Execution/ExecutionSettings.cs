using Trader.Domain.Config;
using Trader.Domain.Sizing;
using Trader.Domain.Trading;

namespace Trader.Host.Execution;

/// <summary>What the order manager takes from the policy: order type, cooldowns (REQ-CD1), bot id and mode.</summary>
public sealed record ExecutionSettings(
    string BotId,
    TradingMode Mode,
    ExecutionOrderType OrderType,
    TimeSpan Cooldown,
    TimeSpan CooldownAfterStop)
{
    public LiquidityRole Role => OrderType == ExecutionOrderType.MarketIoc ? LiquidityRole.Taker : LiquidityRole.Maker;

    public static ExecutionSettings FromPolicy(PolicyConfig policy, string botId, TradingMode mode) => new(
        botId,
        mode,
        ParseOrderType(policy.Execution.DefaultOrderType),
        TimeSpan.FromMinutes((double)policy.Risk.CooldownMinutes),
        TimeSpan.FromMinutes((double)policy.Risk.CooldownAfterStopMinutes));

    /// <summary><c>limit_post_only</c> or <c>market_ioc</c> (config-reference.md); anything else is a configuration error.</summary>
    public static ExecutionOrderType ParseOrderType(string text) => text switch
    {
        "limit_post_only" => ExecutionOrderType.LimitPostOnly,
        "market_ioc" => ExecutionOrderType.MarketIoc,
        _ => throw new ArgumentException($"execution.default_order_type '{text}' is not limit_post_only or market_ioc", nameof(text)),
    };

    public static string OrderTypeText(ExecutionOrderType type) => type switch
    {
        ExecutionOrderType.MarketIoc => "market_ioc",
        ExecutionOrderType.LimitIoc => "limit_ioc",
        _ => "limit_post_only",
    };
}
