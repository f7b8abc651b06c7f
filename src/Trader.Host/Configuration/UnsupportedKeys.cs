namespace Trader.Host.Configuration;

/// <summary>
/// Keys of the reference bot (247trader-v2) that this product does not implement (config-reference.md): each is
/// reported as a warning "not supported, ignored" so an existing file still loads, sometimes with a pointer to the
/// key that does the job here. A pattern names a key path inside its file; <c>*</c> matches one segment (a tier
/// name). A pattern that names a section covers every key under it.
/// </summary>
internal static class UnsupportedKeys
{
    private static readonly Dictionary<string, (string Pattern, string? Hint)[]> ByFile = new(StringComparer.Ordinal)
    {
        [ConfigFiles.App] =
        [
            ("app.version", null),
            ("exchange.api_key", "keys come only from the environment: secrets.key_name_env / secrets.private_key_env"),
            ("exchange.api_secret", "keys come only from the environment: secrets.key_name_env / secrets.private_key_env"),
            ("exchange.rate_limit", null),
            ("loop.interval_minutes", "use loop.interval_seconds"),
            ("loop.interval", "use loop.interval_seconds and loop.jitter_pct"),
            ("loop.skip_weekends", null),
            ("loop.timezone", "all times are UTC"),
            ("loop.utilization_autobackoff", null),
            ("loop.universe_cache_seconds", null),
            ("auto_tune", null),
            ("logging.file", "use logging.dir (relative to --data-dir)"),
            ("logging.include_timestamps", null),
            ("logging.include_hostname", null),
            ("logging.redact_api_keys", "redaction is always on"),
            ("logging.redact_tokens", "redaction is always on"),
            ("state.persist_interval_seconds", null),
            ("state.backup_enabled", null),
            ("state.backup_interval_hours", null),
            ("monitoring.healthcheck_enabled", null),
            ("monitoring.healthcheck_port", null),
            ("monitoring.metrics_port", "use monitoring.prometheus_port"),
            ("monitoring.alerts.dry_run", null),
            ("monitoring.alerts.escalation_webhook_url", "use monitoring.alerts.escalation_webhook_env"),
            ("monitoring.alerts.escalation_severity_boost", "escalation raises one level"),
            ("ai", null),
            ("dashboard", null),
            ("ai_trader", null),
            ("monitoring.prometheus_enabled", "use monitoring.metrics_enabled"),
            ("dashboards", null),
            ("grafana", null),
        ],
        [ConfigFiles.Policy] =
        [
            ("risk.count_external_positions", null),
            ("risk.managed_position_tag", null),
            ("risk.external_exposure_buffer_pct", null),
            ("risk.max_per_asset_pct", "use risk.max_position_size_pct"),
            ("risk.max_new_trades_per_hour", "use risk.max_trades_per_hour"),
            ("risk.cooldown_after_loss_trades", null),
            ("risk.per_symbol_cooldown_enabled", "cooldowns are always on (risk.cooldown_minutes)"),
            ("risk.per_symbol_cooldown_minutes", "use risk.cooldown_minutes"),
            ("risk.per_symbol_cooldown_after_stop", "use risk.cooldown_after_stop_minutes"),
            ("risk.dust_threshold_usd", "use risk.min_trade_notional_usd"),
            ("risk.allow_adds_when_over_cap", null),
            ("risk.allow_pyramiding", null),
            ("risk.pyramid_cooldown_seconds", null),
            ("risk.max_adds_per_asset_per_day", null),
            ("risk.per_symbol_cooldown_win_minutes", "use risk.cooldown_minutes"),
            ("risk.per_symbol_cooldown_loss_minutes", "use risk.cooldown_minutes"),
            ("position_sizing.fixed_size_usd", null),
            ("position_sizing.allow_pyramiding", null),
            ("position_sizing.max_pyramid_positions", null),
            ("liquidity.require_depth_mult", null),
            ("liquidity.spreads_bps", "use universe.yaml tiers.*.constraints.max_spread_bps"),
            ("liquidity.min_depth_floor_usd", null),
            ("liquidity.slippage_budget_bps", null),
            ("liquidity.eligibility_persistence", null),
            ("triggers.only_upside", "use signals.yaml triggers.only_upside"),
            ("triggers.fallback", null),
            ("triggers.mean_reversion", null),
            ("strategy.max_open_positions", "use risk.max_open_positions"),
            ("strategy.prefer_add_to_existing", null),
            ("strategy.conviction_weights.quality_boosts", null),
            ("strategy.canary", null),
            ("strategy.momentum_downside_reversal_pct", null),
            ("strategy.reversal_confirmation", null),
            ("profile", null),
            ("profiles", null),
            ("exits", "exits follow each rule's stop-loss, take-profit and max hold"),
            ("rate_limits", "REST pacing follows the venue's limits and REQ-CB1"),
            ("latency", null),
            ("microstructure", null),
            ("circuit_breakers.halt_on_maintenance", null),
            ("circuit_breakers.check_price_outliers", "the outlier guard is always on (circuit_breakers.outlier_sigma)"),
            ("circuit_breakers.max_price_deviation_pct", "use circuit_breakers.outlier_sigma"),
            ("circuit_breakers.min_volume_ratio", null),
            ("circuit_breakers.outlier_lookback_periods", "use circuit_breakers.outlier_window_seconds"),
            ("circuit_breakers.enable_atr_filter", null),
            ("circuit_breakers.atr_lookback_periods", null),
            ("circuit_breakers.atr_min_multiplier", null),
            ("circuit_breakers.max_realized_volatility_pct", null),
            ("circuit_breakers.volatility_lookback_hours", null),
            ("circuit_breakers.min_eligible_assets", "use universe.yaml universe.min_eligible_assets"),
            ("circuit_breakers.pause_on_rate_limit", "use circuit_breakers.rate_limit_cooldown_seconds"),
            ("regime.bull", "use regime.multipliers"),
            ("regime.chop", "use regime.multipliers"),
            ("regime.bear", "use regime.multipliers"),
            ("regime.crash", "use regime.multipliers"),
            ("execution.maker_first", null),
            ("execution.maker_max_reprices", null),
            ("execution.maker_max_ttl_sec", "use execution.post_only_ttl_seconds"),
            ("execution.maker_first_min_ttl_sec", null),
            ("execution.maker_retry_min_ttl_sec", null),
            ("execution.maker_reprice_decay", null),
            ("execution.prefer_ioc", null),
            ("execution.auto_convert_preferred_quote", null),
            ("execution.clamp_small_trades", null),
            ("execution.small_order_market_threshold_usd", null),
            ("execution.allow_min_bump_in_risk", null),
            ("execution.post_trade_reconcile_wait_seconds", null),
            ("execution.preferred_quote_currencies", null),
            ("execution.max_slippage_bps", "use execution.taker_max_slippage_bps"),
            ("execution.hard_max_spread_bps", "use liquidity.max_spread_bps"),
            ("execution.slippage_budget_t1_bps", null),
            ("execution.slippage_budget_t2_bps", null),
            ("execution.slippage_budget_t3_bps", null),
            ("execution.partial_fill_min_pct", null),
            ("execution.limit_offset_bps", null),
            ("execution.limit_timeout_seconds", "use execution.cancel_after_seconds"),
            ("execution.require_fill_confirmation", null),
            ("execution.fill_timeout_seconds", null),
            ("execution.max_retries", "retries follow REQ-CB1 (6 attempts, full jitter)"),
            ("execution.retry_delay_seconds", "retries follow REQ-CB1 (6 attempts, full jitter)"),
            ("execution.cancel_retry_backoff_ms", "retries follow REQ-CB1 (6 attempts, full jitter)"),
            ("execution.promote_to_taker_if_budget_allows", null),
            ("execution.taker_promotion_requirements", null),
            ("execution.high_volatility", null),
            ("execution.purge_maker_ttl_sec", null),
            ("execution.max_order_age_seconds", "use execution.cancel_after_seconds"),
            ("portfolio_management", null),
            ("twap", null),
            ("cooldowns", null),
            ("loop", "the loop is set in app.yaml"),
            ("ai", null),
            ("auto_tune", null),
            ("data", "use circuit_breakers.max_quote_age_seconds / max_ohlcv_age_seconds"),
            ("circuit_breaker", "use circuit_breakers"),
            ("governance.require_decision_reasoning", null),
            ("governance.min_reasoning_length", null),
            ("governance.log_all_decisions", "every decision is journaled"),
            ("governance.log_ai_prompts", null),
            ("governance.log_ai_responses", null),
            ("governance.allow_manual_override", null),
            ("governance.require_override_reason", null),
            ("governance.kill_switch_enabled", "the kill switch is always on"),
            ("governance.emergency_slack_webhook", "use app.yaml monitoring.alerts.webhook_env"),
            ("governance.emergency_email", null),
        ],
        [ConfigFiles.Universe] =
        [
            ("clusters.limits", "use policy.yaml risk.max_per_theme_pct"),
            ("exclusions.red_flags", null),
            ("exclusions.temporary_ban_hours", null),
            ("liquidity", "use policy.yaml liquidity"),
            ("regime_modifiers", "use policy.yaml regime.multipliers"),
            ("eligibility_hysteresis", null),
            ("tiers.*.constraints.force_eligible_symbols", null),
            ("tiers.*.constraints.near_threshold_override", null),
            ("universe.near_threshold", null),
            ("universe.products_cache_minutes", null),
            ("tiers.*.constraints.min_allocation_pct", null),
            ("tiers.*.constraints.max_drawdown_pct", null),
            ("tiers.*.constraints.max_hold_period_hours", null),
            ("tiers.*.refresh", null),
            ("tiers.*.filters", null),
            ("tiers.*.event_types_allowed", null),
            ("tiers.*.max_tier_3_symbols", null),
            ("tiers.*.min_news_sources", null),
            ("tiers.*.require_verification", null),
            ("universe.dynamic_config", null),
            ("universe.method", "the universe is the static tiers"),
            ("universe.refresh_interval_hours", null),
        ],
        [ConfigFiles.Signals] =
        [
            ("triggers.regime_thresholds.*.atr_filter_min_mult", null),
            ("triggers.volume_spike_min_ratio", "use policy.yaml triggers.volume_spike.ratio_1h_vs_24h"),
            ("triggers.volume_lookback_periods", null),
            ("triggers.breakout_lookback_bars", "use policy.yaml triggers.breakout.lookback_hours"),
            ("triggers.breakout_threshold_pct", null),
            ("triggers.min_trigger_score", "use policy.yaml triggers.min_score"),
            ("triggers.min_trigger_confidence", null),
            ("triggers.regime_multipliers", "use policy.yaml regime.multipliers"),
            ("enabled_signals", null),
            ("signals", null),
            ("triggers.reversal_confirm", null),
            ("triggers.trend_filter", null),
            ("triggers.mean_reversion", null),
        ],
    };

    /// <summary>The warning text when <paramref name="keyPath"/> (in <paramref name="file"/>) is a known-unsupported key or section, else null.</summary>
    public static string? Match(string file, string keyPath)
    {
        if (!ByFile.TryGetValue(file, out var patterns))
            return null;
        var segments = keyPath.Split('.');
        foreach (var (pattern, hint) in patterns)
        {
            if (Matches(pattern.Split('.'), segments))
                return hint is null ? "not supported, ignored" : $"not supported, ignored; {hint}";
        }
        return null;
    }

    private static bool Matches(string[] pattern, string[] segments)
    {
        if (pattern.Length != segments.Length)
            return false;
        for (var i = 0; i < pattern.Length; i++)
        {
            if (pattern[i] != "*" && !string.Equals(pattern[i], segments[i], StringComparison.Ordinal))
                return false;
        }
        return true;
    }
}
