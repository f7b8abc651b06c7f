using Trader.Domain.Config;
using Trader.Domain.Decisions;
using Trader.Domain.Market;
using Trader.Domain.Portfolio;
using Trader.Domain.Regime;
using Trader.Domain.Risk;
using Trader.Domain.Rules;
using Trader.Domain.Trading;
using Trader.Domain.Triggers;

namespace Trader.Domain.Tests.Support;

/// <summary>Builders for decision snapshots with readable defaults (NAV 10,000 USD, healthy fresh markets).</summary>
internal static class Snap
{
    public static readonly DateTimeOffset T0 = new(2026, 1, 5, 12, 0, 0, TimeSpan.Zero);

    public static TraderConfig Config(
        Func<RiskSection, RiskSection>? risk = null,
        string? regimeOverride = null,
        Func<StrategySection, StrategySection>? strategy = null,
        Func<PositionSizingSection, PositionSizingSection>? sizing = null)
    {
        var policy = new PolicyConfig();
        policy = policy with
        {
            Risk = risk is null ? policy.Risk : risk(policy.Risk),
            Regime = policy.Regime with { Override = regimeOverride },
            Strategy = strategy is null ? policy.Strategy : strategy(policy.Strategy),
            PositionSizing = sizing is null ? policy.PositionSizing : sizing(policy.PositionSizing),
        };
        return new TraderConfig { Policy = policy };
    }

    /// <summary>A healthy, fresh view: bid/ask around <paramref name="price"/> with the given spread.</summary>
    public static ProductMarketView View(
        string productId,
        decimal price,
        decimal spreadBps = 2m,
        decimal volume24hUsd = 50_000_000m,
        ProductHealth? health = null,
        bool quoteStale = false,
        bool ohlcvStale = false,
        ProductInfo? info = null)
    {
        var half = price * spreadBps / 20_000m;
        var quote = new Quote(price - half, price + half, price, T0, T0);
        return new ProductMarketView(productId, quote, null, volume24hUsd, info ?? ProductInfo.DefaultUsd(productId),
            health ?? ProductHealth.Online, quoteStale, ohlcvStale);
    }

    public static DecisionSnapshot Snapshot(
        IEnumerable<ProductMarketView>? markets = null,
        IReadOnlyDictionary<string, IndicatorReading>? indicators = null,
        PortfolioState? portfolio = null,
        IReadOnlyList<WorkingOrder>? working = null,
        IReadOnlyList<Cooldown>? cooldowns = null,
        IReadOnlyList<TradeRecord>? trades = null,
        SafetyState? safety = null,
        DateTimeOffset? now = null)
    {
        var views = (markets ?? DefaultMarkets()).ToDictionary(v => v.ProductId, StringComparer.Ordinal);
        return new DecisionSnapshot(
            now ?? T0, 1, views,
            indicators ?? new Dictionary<string, IndicatorReading>(StringComparer.Ordinal),
            portfolio ?? PortfolioState.AllCash(10_000m),
            working ?? [], cooldowns ?? [], trades ?? [], safety ?? SafetyState.Clear, RegimeReading.None);
    }

    public static IEnumerable<ProductMarketView> DefaultMarkets() =>
    [
        View("BTC-USD", 50_000m), View("ETH-USD", 3_000m), View("SOL-USD", 100m),
        View("DOGE-USD", 0.1m, volume24hUsd: 20_000_000m), View("LINK-USD", 15m, volume24hUsd: 20_000_000m),
    ];

    /// <summary>A reading whose price-move trigger fires on both windows (score 0.68) unless told otherwise.</summary>
    public static IndicatorReading Reading(
        decimal close,
        decimal? change15m = 2m,
        decimal? change60m = 3m,
        decimal? volume1h = null,
        decimal? avgHourly = null,
        decimal? high = null,
        decimal? low = null,
        decimal? momentum = null,
        decimal? share = null) =>
        new(T0, 2000, close, change15m, change60m, volume1h, avgHourly, high, low, momentum, share);

    public static TradeProposal Entry(string productId, decimal notionalPct, decimal conviction = 0.7m) =>
        new(productId, OrderSide.Buy, ProposalKind.Entry, notionalPct, 10m, 12m, conviction, null, "test entry", TimeSpan.FromHours(24));

    public static TradeProposal Exit(string productId, decimal baseSize, ExitReason reason = ExitReason.StopLoss) =>
        new(productId, OrderSide.Sell, ProposalKind.Exit, 1m, 10m, 12m, 1m, null, "test exit", null, baseSize, reason);

    public static RegimeAssessment Chop => new(MarketRegime.Chop, 1.0m, "test");

    public static RiskEngine Risk(TraderConfig config) =>
        new(config, new Trader.Domain.Universe.UniverseMap(config.Universe, config.Policy), Trader.Domain.Sizing.OrderSizer.FromPolicy(config.Policy));
}
