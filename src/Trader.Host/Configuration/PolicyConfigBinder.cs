using Trader.Domain.Config;

namespace Trader.Host.Configuration;

/// <summary>policy.yaml: its schema (one line per key, with its rule) and its binding to <see cref="PolicyConfig"/>.</summary>
internal static class PolicyConfigBinder
{
    public static readonly string[] Regimes = ["bull", "chop", "bear", "crash"];

    public static PolicyConfig Bind(YamlSection root)
    {
        var d = new PolicyConfig();

        var risk = root.Section("risk");
        var riskSection = new RiskSection
        {
            MaxTotalAtRiskPct = risk.Decimal("max_total_at_risk_pct", d.Risk.MaxTotalAtRiskPct, Must.Percent),
            MaxPositionSizePct = risk.Decimal("max_position_size_pct", d.Risk.MaxPositionSizePct, Must.Percent),
            MinPositionSizePct = risk.Decimal("min_position_size_pct", d.Risk.MinPositionSizePct, Must.Percent),
            MaxOpenPositions = risk.Int("max_open_positions", d.Risk.MaxOpenPositions, Must.PositiveWhole),
            MaxPerThemePct = risk.Map("max_per_theme_pct", d.Risk.MaxPerThemePct, (s, name, node) => s.EntryDecimal(name, node, Must.Percent)),
            CountOpenOrdersInCap = risk.Bool("count_open_orders_in_cap", d.Risk.CountOpenOrdersInCap,
                Must.BeTrue("REQ-E2: working orders always count against the caps")),
            DailyStopPnlPct = risk.Decimal("daily_stop_pnl_pct", d.Risk.DailyStopPnlPct, Must.NegativePercent),
            WeeklyStopPnlPct = risk.Decimal("weekly_stop_pnl_pct", d.Risk.WeeklyStopPnlPct, Must.NegativePercent),
            MaxDrawdownPct = risk.Decimal("max_drawdown_pct", d.Risk.MaxDrawdownPct, Must.Percent),
            MaxTradesPerDay = risk.Int("max_trades_per_day", d.Risk.MaxTradesPerDay, Must.PositiveWhole),
            MaxTradesPerHour = risk.Int("max_trades_per_hour", d.Risk.MaxTradesPerHour, Must.PositiveWhole),
            MinSecondsBetweenTrades = risk.Decimal("min_seconds_between_trades", d.Risk.MinSecondsBetweenTrades, Must.NonNegative),
            PerSymbolTradeSpacingSeconds = risk.Decimal("per_symbol_trade_spacing_seconds", d.Risk.PerSymbolTradeSpacingSeconds, Must.NonNegative),
            CooldownMinutes = risk.Decimal("cooldown_minutes", d.Risk.CooldownMinutes, Must.NonNegative),
            CooldownAfterStopMinutes = risk.Decimal("cooldown_after_stop_minutes", d.Risk.CooldownAfterStopMinutes, Must.NonNegative),
            MinTradeNotionalUsd = risk.Decimal("min_trade_notional_usd", d.Risk.MinTradeNotionalUsd, Must.NonNegative),
            StopLossPct = risk.Decimal("stop_loss_pct", d.Risk.StopLossPct, v => v > 0 && v < 100 ? null : "must be in (0, 100) (percent below entry)"),
            TakeProfitPct = risk.Decimal("take_profit_pct", d.Risk.TakeProfitPct, Must.Positive),
        };

        var sizing = root.Section("position_sizing");
        var sizingSection = new PositionSizingSection
        {
            Method = sizing.OneOf("method", d.PositionSizing.Method, "risk_parity"),
            RiskPerTradePct = sizing.Decimal("risk_per_trade_pct", d.PositionSizing.RiskPerTradePct, Must.Percent),
            MinOrderUsd = sizing.Decimal("min_order_usd", d.PositionSizing.MinOrderUsd, Must.Positive),
            MaxOrderUsd = sizing.Decimal("max_order_usd", d.PositionSizing.MaxOrderUsd, Must.Positive),
        };

        var liquidity = root.Section("liquidity");
        var liquiditySection = new LiquiditySection
        {
            Min24hVolumeUsd = liquidity.Decimal("min_24h_volume_usd", d.Liquidity.Min24hVolumeUsd, Must.NonNegative),
            MaxSpreadBps = liquidity.Decimal("max_spread_bps", d.Liquidity.MaxSpreadBps, Must.Positive),
            MinDepth20bpsUsd = liquidity.Decimal("min_depth_20bps_usd", d.Liquidity.MinDepth20bpsUsd, Must.NonNegative),
        };

        var triggers = root.Section("triggers");
        var priceMove = triggers.Section("price_move");
        var volumeSpike = triggers.Section("volume_spike");
        var breakout = triggers.Section("breakout");
        var triggersSection = new PolicyTriggersSection
        {
            MinScore = triggers.Decimal("min_score", d.Triggers.MinScore, Must.UnitInterval),
            PriceMove = new PriceMoveSection
            {
                Pct15m = priceMove.Decimal("pct_15m", d.Triggers.PriceMove.Pct15m, Must.Positive),
                Pct60m = priceMove.Decimal("pct_60m", d.Triggers.PriceMove.Pct60m, Must.Positive),
            },
            VolumeSpike = new VolumeSpikeSection
            {
                Ratio1hVs24h = volumeSpike.Decimal("ratio_1h_vs_24h", d.Triggers.VolumeSpike.Ratio1hVs24h, Must.Positive),
            },
            Breakout = new BreakoutSection
            {
                LookbackHours = breakout.Decimal("lookback_hours", d.Triggers.Breakout.LookbackHours, Must.Positive),
            },
        };

        var strategy = root.Section("strategy");
        var weights = strategy.Section("conviction_weights");
        var strategySection = new StrategySection
        {
            BasePositionPct = strategy.Map("base_position_pct", d.Strategy.BasePositionPct,
                (s, name, node) => s.EntryDecimal(name, node, Must.Fraction), ["tier1", "tier2", "tier3"]),
            MaxNewPositionsPerCycle = strategy.Int("max_new_positions_per_cycle", d.Strategy.MaxNewPositionsPerCycle, Must.PositiveWhole),
            MinConvictionToPropose = strategy.Decimal("min_conviction_to_propose", d.Strategy.MinConvictionToPropose, Must.UnitInterval),
            ConvictionWeights = new ConvictionWeights
            {
                Base = weights.Decimal("base", d.Strategy.ConvictionWeights.Base, Must.Between(-1, 1)),
                TriggerStrength = weights.Decimal("trigger_strength", d.Strategy.ConvictionWeights.TriggerStrength, Must.UnitInterval),
                TriggerConfidence = weights.Decimal("trigger_confidence", d.Strategy.ConvictionWeights.TriggerConfidence, Must.UnitInterval),
            },
        };

        var breakers = root.Section("circuit_breakers");
        var breakersSection = new CircuitBreakersSection
        {
            MaxQuoteAgeSeconds = breakers.Decimal("max_quote_age_seconds", d.CircuitBreakers.MaxQuoteAgeSeconds, Must.Positive),
            MaxOhlcvAgeSeconds = breakers.Decimal("max_ohlcv_age_seconds", d.CircuitBreakers.MaxOhlcvAgeSeconds, Must.Positive),
            OutlierSigma = breakers.Double("outlier_sigma", d.CircuitBreakers.OutlierSigma, Must.PositiveDouble),
            OutlierWindowSeconds = breakers.Decimal("outlier_window_seconds", d.CircuitBreakers.OutlierWindowSeconds, Must.Positive),
            MaxConsecutiveApiErrors = breakers.Int("max_consecutive_api_errors", d.CircuitBreakers.MaxConsecutiveApiErrors, Must.PositiveWhole),
            ApiErrorWindowSeconds = breakers.Decimal("api_error_window_seconds", d.CircuitBreakers.ApiErrorWindowSeconds, Must.Positive),
            CheckExchangeStatus = breakers.Bool("check_exchange_status", d.CircuitBreakers.CheckExchangeStatus,
                Must.BeTrue("REQ-EX1: exchange health always blocks trading")),
            CheckProductStatus = breakers.Bool("check_product_status", d.CircuitBreakers.CheckProductStatus,
                Must.BeTrue("REQ-EX1: product health always blocks trading")),
            RateLimitCooldownSeconds = breakers.Decimal("rate_limit_cooldown_seconds", d.CircuitBreakers.RateLimitCooldownSeconds, Must.NonNegative),
        };

        var regime = root.Section("regime");
        var regimeSection = new RegimeSection
        {
            Enabled = regime.Bool("enabled", d.Regime.Enabled),
            Override = regime.NullableOneOf("override", Regimes),
            Multipliers = regime.Map("multipliers", d.Regime.Multipliers,
                (s, name, node) => s.EntryDecimal(name, node, Must.Between(0, 10)), Regimes),
        };

        var execution = root.Section("execution");
        var executionSection = new ExecutionSection
        {
            MakerFeeBps = execution.Decimal("maker_fee_bps", d.Execution.MakerFeeBps, Must.Between(0, 1000)),
            TakerFeeBps = execution.Decimal("taker_fee_bps", d.Execution.TakerFeeBps, Must.Between(0, 1000)),
            DefaultOrderType = execution.OneOf("default_order_type", d.Execution.DefaultOrderType, "limit_post_only", "market_ioc"),
            MinNotionalUsd = execution.Decimal("min_notional_usd", d.Execution.MinNotionalUsd, Must.Positive),
            PostOnlyTtlSeconds = execution.Decimal("post_only_ttl_seconds", d.Execution.PostOnlyTtlSeconds, Must.Positive),
            CancelAfterSeconds = execution.Decimal("cancel_after_seconds", d.Execution.CancelAfterSeconds, Must.Positive),
            TakerFallback = execution.Bool("taker_fallback", d.Execution.TakerFallback),
            TakerMaxSlippageBps = execution.Map("taker_max_slippage_bps", d.Execution.TakerMaxSlippageBps,
                (s, name, node) => s.EntryDecimal(name, node, Must.Between(0, 10_000)), ["T1", "T2", "T3", "default"]),
            FailedOrderCooldownSeconds = execution.Decimal("failed_order_cooldown_seconds", d.Execution.FailedOrderCooldownSeconds, Must.NonNegative),
        };

        var backtest = root.Section("backtest");
        var backtestSection = new BacktestSection
        {
            SpreadBps = backtest.Decimal("spread_bps", d.Backtest.SpreadBps, Must.NonNegative),
            SlippageBps = backtest.Decimal("slippage_bps", d.Backtest.SlippageBps, Must.NonNegative),
            MaxParticipationPct = backtest.Decimal("max_participation_pct", d.Backtest.MaxParticipationPct, Must.Percent),
            InitialCapitalUsd = backtest.Decimal("initial_capital_usd", d.Backtest.InitialCapitalUsd, Must.Positive),
        };

        var governance = root.Section("governance");
        var governanceSection = new GovernanceSection
        {
            LiveTradingEnabled = governance.Bool("live_trading_enabled", d.Governance.LiveTradingEnabled),
            KillSwitchFile = governance.String("kill_switch_file", d.Governance.KillSwitchFile, Must.NotEmpty),
        };

        return new PolicyConfig
        {
            Risk = riskSection,
            PositionSizing = sizingSection,
            Liquidity = liquiditySection,
            Triggers = triggersSection,
            Strategy = strategySection,
            CircuitBreakers = breakersSection,
            Regime = regimeSection,
            Execution = executionSection,
            Backtest = backtestSection,
            Governance = governanceSection,
        };
    }
}
