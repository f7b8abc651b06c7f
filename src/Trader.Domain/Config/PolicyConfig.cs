namespace Trader.Domain.Config;

/// <summary>config/policy.yaml (config-reference.md). Percentages are in percent unless a key says otherwise.</summary>
public sealed record PolicyConfig
{
    public RiskSection Risk { get; init; } = new();
    public PositionSizingSection PositionSizing { get; init; } = new();
    public LiquiditySection Liquidity { get; init; } = new();
    public PolicyTriggersSection Triggers { get; init; } = new();
    public StrategySection Strategy { get; init; } = new();
    public CircuitBreakersSection CircuitBreakers { get; init; } = new();
    public RegimeSection Regime { get; init; } = new();
    public ExecutionSection Execution { get; init; } = new();
    public BacktestSection Backtest { get; init; } = new();
    public GovernanceSection Governance { get; init; } = new();
}

public sealed record RiskSection
{
    public decimal MaxTotalAtRiskPct { get; init; } = 15m;
    public decimal MaxPositionSizePct { get; init; } = 5m;
    public decimal MinPositionSizePct { get; init; } = 0.25m;
    public int MaxOpenPositions { get; init; } = 8;
    public IReadOnlyDictionary<string, decimal> MaxPerThemePct { get; init; } =
        new Dictionary<string, decimal> { ["LAYER1"] = 10m, ["LAYER2"] = 10m, ["MEME"] = 10m, ["DEFI"] = 10m };
    public bool CountOpenOrdersInCap { get; init; } = true;
    public decimal DailyStopPnlPct { get; init; } = -3m;
    public decimal WeeklyStopPnlPct { get; init; } = -7m;
    public decimal MaxDrawdownPct { get; init; } = 10m;
    public int MaxTradesPerDay { get; init; } = 120;
    public int MaxTradesPerHour { get; init; } = 5;
    public decimal MinSecondsBetweenTrades { get; init; } = 90m;
    public decimal PerSymbolTradeSpacingSeconds { get; init; } = 900m;
    public decimal CooldownMinutes { get; init; } = 60m;
    public decimal CooldownAfterStopMinutes { get; init; } = 120m;
    public decimal MinTradeNotionalUsd { get; init; } = 1m;
    public decimal StopLossPct { get; init; } = 10m;
    public decimal TakeProfitPct { get; init; } = 12m;
}

public sealed record PositionSizingSection
{
    public string Method { get; init; } = "risk_parity";
    public decimal RiskPerTradePct { get; init; } = 1m;
    public decimal MinOrderUsd { get; init; } = 5m;
    public decimal MaxOrderUsd { get; init; } = 10_000m;
}

public sealed record LiquiditySection
{
    public decimal Min24hVolumeUsd { get; init; } = 5_000_000m;
    public decimal MaxSpreadBps { get; init; } = 80m;
    public decimal MinDepth20bpsUsd { get; init; } = 10_000m;
}

public sealed record PolicyTriggersSection
{
    public decimal MinScore { get; init; } = 0.2m;
    public PriceMoveSection PriceMove { get; init; } = new();
    public VolumeSpikeSection VolumeSpike { get; init; } = new();
    public BreakoutSection Breakout { get; init; } = new();
}

public sealed record PriceMoveSection
{
    public decimal Pct15m { get; init; } = 1.5m;
    public decimal Pct60m { get; init; } = 3.0m;
}

public sealed record VolumeSpikeSection
{
    public decimal Ratio1hVs24h { get; init; } = 1.9m;
}

public sealed record BreakoutSection
{
    public decimal LookbackHours { get; init; } = 24m;
}

public sealed record StrategySection
{
    /// <summary>A FRACTION of NAV (0.03 = 3 %), as in the reference bot.</summary>
    public IReadOnlyDictionary<string, decimal> BasePositionPct { get; init; } =
        new Dictionary<string, decimal> { ["tier1"] = 0.03m, ["tier2"] = 0.02m, ["tier3"] = 0.007m };
    public int MaxNewPositionsPerCycle { get; init; } = 1;
    public decimal MinConvictionToPropose { get; init; } = 0.3m;
    public ConvictionWeights ConvictionWeights { get; init; } = new();
}

public sealed record ConvictionWeights
{
    public decimal Base { get; init; }
    public decimal TriggerStrength { get; init; } = 0.5m;
    public decimal TriggerConfidence { get; init; } = 0.3m;
}

public sealed record CircuitBreakersSection
{
    public decimal MaxQuoteAgeSeconds { get; init; } = 5m;
    public decimal MaxOhlcvAgeSeconds { get; init; } = 90m;
    public double OutlierSigma { get; init; } = 6.0;
    public decimal OutlierWindowSeconds { get; init; } = 60m;
    public int MaxConsecutiveApiErrors { get; init; } = 3;
    public decimal ApiErrorWindowSeconds { get; init; } = 300m;
    public bool CheckExchangeStatus { get; init; } = true;
    public bool CheckProductStatus { get; init; } = true;
    public decimal RateLimitCooldownSeconds { get; init; } = 60m;
}

public sealed record RegimeSection
{
    public bool Enabled { get; init; } = true;
    public string? Override { get; init; }
    public IReadOnlyDictionary<string, decimal> Multipliers { get; init; } =
        new Dictionary<string, decimal> { ["bull"] = 1.2m, ["chop"] = 1.0m, ["bear"] = 0.6m, ["crash"] = 0.0m };
}

public sealed record ExecutionSection
{
    public decimal MakerFeeBps { get; init; } = 40m;
    public decimal TakerFeeBps { get; init; } = 60m;
    public string DefaultOrderType { get; init; } = "limit_post_only";
    public decimal MinNotionalUsd { get; init; } = 1m;
    public decimal PostOnlyTtlSeconds { get; init; } = 15m;
    public decimal CancelAfterSeconds { get; init; } = 60m;
    public bool TakerFallback { get; init; } = true;
    public IReadOnlyDictionary<string, decimal> TakerMaxSlippageBps { get; init; } =
        new Dictionary<string, decimal> { ["T1"] = 20m, ["T2"] = 40m, ["T3"] = 60m, ["default"] = 60m };
    public decimal FailedOrderCooldownSeconds { get; init; } = 300m;
}

public sealed record BacktestSection
{
    public decimal SpreadBps { get; init; } = 5m;
    public decimal SlippageBps { get; init; } = 2m;
    public decimal MaxParticipationPct { get; init; } = 10m;
    public decimal InitialCapitalUsd { get; init; } = 10_000m;
}

public sealed record GovernanceSection
{
    public bool LiveTradingEnabled { get; init; }
    public string KillSwitchFile { get; init; } = "KILL_SWITCH";
}
