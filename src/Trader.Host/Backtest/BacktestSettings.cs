using Trader.Domain.Config;
using Trader.Domain.Risk;
using Trader.Domain.Sizing;

namespace Trader.Host.Backtest;

/// <summary>
/// The market model of a candle backtest (policy.yaml <c>backtest</c> section, config-reference.md): quotes
/// synthesized <see cref="SpreadBps"/> wide around each candle's close, <see cref="SlippageBps"/> added to taker
/// fills, at most <see cref="MaxParticipationPct"/> of a candle's volume per fill, the starting cash; plus the
/// execution keys it honours (order type → maker or taker, taker_fallback) and the seed of the client order ids.
/// </summary>
public sealed record BacktestSettings(
    decimal SpreadBps,
    decimal SlippageBps,
    decimal MaxParticipationPct,
    decimal InitialCapitalUsd,
    LiquidityRole Role,
    bool TakerFallback,
    int Seed)
{
    public const string BotId = "bt";

    public static BacktestSettings From(TraderConfig config, int seed)
    {
        var backtest = config.Policy.Backtest;
        return new BacktestSettings(backtest.SpreadBps, backtest.SlippageBps, backtest.MaxParticipationPct,
            backtest.InitialCapitalUsd, RiskEngine.RoleOf(config.Policy.Execution), config.Policy.Execution.TakerFallback, seed);
    }

    /// <summary>The order type name the orders of this run carry in the report.</summary>
    public string OrderType => Role == LiquidityRole.Maker ? "limit_post_only" : "market_ioc";
}
