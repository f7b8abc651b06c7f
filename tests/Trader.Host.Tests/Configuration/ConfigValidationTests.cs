using Trader.Domain.Config;
using Trader.Domain.Trading;
using Trader.Host.Configuration;

namespace Trader.Host.Tests.Configuration;

[Trait("Req", "REQ-C1")]
public sealed class ConfigValidationTests
{
    [Fact]
    public void Shipped_config_is_valid_without_a_single_problem_and_binds_to_the_spec_defaults()
    {
        using var set = ConfigSet.Shipped();

        var result = set.Load();

        Assert.Empty(result.Problems);
        Assert.NotNull(result.Config);
        // The shipped files and the records' defaults are the same numbers (config-reference.md), key for key.
        Assert.Equal(ConfigJson.Of(new TraderConfig()), ConfigJson.Of(result.Config!));
        Assert.Equal(TradingMode.DryRun, result.Config.App.App.Mode);
        Assert.True(result.Config.App.Exchange.ReadOnly);
    }

    [Fact]
    public void Empty_files_take_the_defaults()
    {
        using var set = ConfigSet.With();

        var result = set.Load();

        Assert.Empty(result.Problems);
        Assert.Equal(ConfigJson.Of(new TraderConfig()), ConfigJson.Of(result.Config!));
    }

    public static TheoryData<string, string, string> OneProblemEach => new()
    {
        // file, content, the line expected (a prefix of it: the line number follows)
        { ConfigFiles.App, "app: {name: x\n", "app.yaml: line 2, column 1: invalid YAML: " },
        { ConfigFiles.Policy, "risk:\n  max_drawdown_pct: ten\n", "policy.yaml: risk.max_drawdown_pct: expected a number, got 'ten'" },
        { ConfigFiles.Policy, "risk:\n  max_drawdown_pct: \"10\"\n", "policy.yaml: risk.max_drawdown_pct: expected a number, got '10'" },
        { ConfigFiles.App, "exchange: {read_only: yes}\n", "app.yaml: exchange.read_only: expected true or false, got 'yes'" },
        { ConfigFiles.Policy, "risk:\n  max_open_positions: 2.5\n", "policy.yaml: risk.max_open_positions: expected a whole number, got '2.5'" },
        { ConfigFiles.Policy, "risk: 5\n", "policy.yaml: risk: expected a mapping of keys, got '5'" },
        { ConfigFiles.App, "clock: {ntp_servers: time.google.com}\n", "app.yaml: clock.ntp_servers: expected a list, got 'time.google.com'" },
        { ConfigFiles.Policy, "risk: {max_drawdown_pct: }\n", "policy.yaml: risk.max_drawdown_pct: a value is required (a number)" },
        { ConfigFiles.Policy, "risk: {max_position_size_pct: -1}\n", "policy.yaml: risk.max_position_size_pct: must be in (0, 100] (percent), got '-1'" },
        { ConfigFiles.Policy, "risk: {max_per_theme_pct: {MEME: -5, LAYER1: 10, LAYER2: 10, DEFI: 10}}\n", "policy.yaml: risk.max_per_theme_pct.MEME: must be in (0, 100] (percent), got '-5'" },
        { ConfigFiles.App, "loop: {interval_seconds: 0}\n", "app.yaml: loop.interval_seconds: must be > 0, got '0'" },
        { ConfigFiles.App, "loop: {jitter_pct: 150}\n", "app.yaml: loop.jitter_pct: must be in [0, 100] (percent), got '150'" },
        { ConfigFiles.App, "loop: {jitter_pct: -1}\n", "app.yaml: loop.jitter_pct: must be in [0, 100] (percent), got '-1'" },
        { ConfigFiles.App, "monitoring: {prometheus_port: 70000}\n", "app.yaml: monitoring.prometheus_port: must be a port in 1–65535, got '70000'" },
        { ConfigFiles.App, "monitoring: {prometheus_port: 0}\n", "app.yaml: monitoring.prometheus_port: must be a port in 1–65535, got '0'" },
        { ConfigFiles.App, "clock: {ntp_servers: ['time.google.com:99999']}\n", "app.yaml: clock.ntp_servers[0]: must be host or host:port with a port in 1–65535" },
        { ConfigFiles.App, "clock: {max_drift_ms: 500}\n", "app.yaml: clock.max_drift_ms: must be in 1–100 (REQ-TIME1: drift < 100 ms), got '500'" },
        { ConfigFiles.App, "secrets: {max_age_days: 120}\n", "app.yaml: secrets.max_age_days: must be in 1–90 (REQ-SEC2: rotate at least every 90 days)" },
        { ConfigFiles.App, "secrets: {rotated_on: 2025-13-40}\n", "app.yaml: secrets.rotated_on: expected a date YYYY-MM-DD" },
        { ConfigFiles.App, "secrets: {private_key_env: 'MY KEY'}\n", "app.yaml: secrets.private_key_env: must be the NAME of an environment variable" },
        { ConfigFiles.App, "exchange: {rest_url: 'http://api.coinbase.com'}\n", "app.yaml: exchange.rest_url: must be a https:// URL" },
        { ConfigFiles.App, "app: {mode: YOLO}\n", "app.yaml: app.mode: must be one of DRY_RUN, PAPER, LIVE, got 'YOLO'" },
        { ConfigFiles.App, "app: {mode: live}\n", "app.yaml: app.mode: must be one of DRY_RUN, PAPER, LIVE, got 'live'; did you mean 'LIVE'?" },
        { ConfigFiles.Policy, "risk: {max_total_at_risk_pct: 15, max_position_size_pct: 20}\n", "policy.yaml: risk.max_position_size_pct: must be ≤ risk.max_total_at_risk_pct (15), got 20" },
        { ConfigFiles.Policy, "risk: {min_position_size_pct: 6}\n", "policy.yaml: risk.min_position_size_pct: must be ≤ risk.max_position_size_pct (5), got 6" },
        { ConfigFiles.Policy, "position_sizing: {min_order_usd: 500, max_order_usd: 100}\n", "policy.yaml: position_sizing.min_order_usd: must be ≤ position_sizing.max_order_usd (100), got 500" },
        { ConfigFiles.Policy, "risk: {count_open_orders_in_cap: false}\n", "policy.yaml: risk.count_open_orders_in_cap: must be true (REQ-E2" },
        { ConfigFiles.Policy, "risk: {stop_loss_pct: 0}\n", "policy.yaml: risk.stop_loss_pct: must be in (0, 100) (percent below entry), got '0'" },
        { ConfigFiles.Policy, "risk: {stop_loss_pct: 100}\n", "policy.yaml: risk.stop_loss_pct: must be in (0, 100) (percent below entry), got '100'" },
        { ConfigFiles.Policy, "risk: {max_drawdown_pct: 0}\n", "policy.yaml: risk.max_drawdown_pct: must be in (0, 100] (percent), got '0'" },
        { ConfigFiles.Policy, "risk: {max_drawdown_pct: 150}\n", "policy.yaml: risk.max_drawdown_pct: must be in (0, 100] (percent), got '150'" },
        { ConfigFiles.Policy, "risk: {daily_stop_pnl_pct: 3}\n", "policy.yaml: risk.daily_stop_pnl_pct: must be negative and > -100 (a loss in percent), got '3'" },
        { ConfigFiles.Policy, "risk: {weekly_stop_pnl_pct: 0}\n", "policy.yaml: risk.weekly_stop_pnl_pct: must be negative and > -100 (a loss in percent), got '0'" },
        { ConfigFiles.Policy, "regime: {override: sideways}\n", "policy.yaml: regime.override: must be one of bull, chop, bear, crash or null, got 'sideways'" },
        { ConfigFiles.Policy, "regime: {multipliers: {bull: 1.2, bul: 3}}\n", "policy.yaml: regime.multipliers.bul: unknown key; did you mean 'bull'?" },
        { ConfigFiles.Policy, "strategy: {base_position_pct: {tier1: 3}}\n", "policy.yaml: strategy.base_position_pct.tier1: must be in (0, 1] (a fraction of NAV: 0.03 = 3 %), got '3'" },
        { ConfigFiles.Policy, "circuit_breakers: {check_product_status: false}\n", "policy.yaml: circuit_breakers.check_product_status: must be true (REQ-EX1" },
        { ConfigFiles.Policy, "risk: {max_per_theme_pct: {LAYER1: 10, LAYER2: 10, MEME: 10, DEFI: 10, LAYER3: 10}}\n", "policy.yaml: risk.max_per_theme_pct.LAYER3: no cluster named LAYER3 in universe.yaml clusters.definitions, so this cap would never apply; did you mean 'LAYER1'?" },
        { ConfigFiles.Policy, "risk: {max_positon_size_pct: 5}\n", "policy.yaml: risk.max_positon_size_pct: unknown key; did you mean 'max_position_size_pct'?" },
        { ConfigFiles.Policy, "riks: {max_position_size_pct: 5}\n", "policy.yaml: riks: unknown section; did you mean 'risk'?" },
        { ConfigFiles.Policy, "risk: {max_drawdown_pct: 10, max_drawdown_pct: 50}\n", "policy.yaml: line 1, column 30: invalid YAML: Duplicate key max_drawdown_pct" },
        { ConfigFiles.Universe, "tiers: {}\n", "universe.yaml: tiers: at least one tier is required" },
        { ConfigFiles.Universe, "tiers: {t1: {symbols: [BTC-USD]}}\n", "universe.yaml: tiers.t1: a tier needs constraints" },
        { ConfigFiles.Universe, "tiers: {t1: {symbols: [BTC-USD], constraints: {max_spread_bps: 20}}}\n", "universe.yaml: tiers.t1.constraints.max_allocation_pct: required" },
        { ConfigFiles.Universe, "tiers: {t1: {symbols: [], constraints: {max_allocation_pct: 40}}}\n", "universe.yaml: tiers: no tier lists any symbol" },
        { ConfigFiles.Universe, "exclusions: {never_trade: [DOGE-USD]}\n", "universe.yaml: tiers.tier_2_rotational.symbols: DOGE-USD is also in exclusions.never_trade" },
        { ConfigFiles.Universe, "tiers:\n  a: {symbols: [BTC-USD], constraints: {max_allocation_pct: 40}}\n  b: {symbols: [BTC-USD], constraints: {max_allocation_pct: 20}}\n", "universe.yaml: tiers.b.symbols: BTC-USD is already in tiers.a" },
        { ConfigFiles.Universe, "tiers: {t1: {symbols: [BTC-USD], constraints: {max_allocation_pct: 140}}}\n", "universe.yaml: tiers.t1.constraints.max_allocation_pct: must be in (0, 100] (percent), got '140'" },
        { ConfigFiles.Universe, "universe: {max_universe_size: 2, min_eligible_assets: 5}\n", "universe.yaml: universe.min_eligible_assets: must be ≤ universe.max_universe_size (2), got 5" },
        { ConfigFiles.Signals, "triggers: {max_triggers_per_cycle: 0}\n", "signals.yaml: triggers.max_triggers_per_cycle: must be ≥ 1, got '0'" },
        { ConfigFiles.Signals, "triggers: {regime_thresholds: {crash: {pct_change_15m: 5}}}\n", "signals.yaml: triggers.regime_thresholds.crash.pct_change_60m: required" },
        { ConfigFiles.Signals, "triggers: {regime_thresholds: {chop: {pct_change_15m: -1}}}\n", "signals.yaml: triggers.regime_thresholds.chop.pct_change_15m: must be > 0, got '-1'" },
        { ConfigFiles.Signals, "- just\n- a list\n", "signals.yaml: the top level must be a mapping of sections" },
    };

    [Theory]
    [MemberData(nameof(OneProblemEach))]
    public void Each_kind_of_problem_is_an_error_line_naming_file_and_key(string file, string content, string expectedLine)
    {
        using var set = ConfigSet.With().Write(file, content);

        var result = set.Load();

        Assert.Null(result.Config);
        var lines = result.Errors.Select(p => p.ToString()).ToList();
        Assert.True(lines.Any(l => l.StartsWith(expectedLine, StringComparison.Ordinal)),
            $"expected a line starting with\n  {expectedLine}\ngot\n  {string.Join("\n  ", lines)}");
    }

    [Fact]
    public void A_missing_file_is_an_error_and_the_other_files_are_still_checked()
    {
        using var set = ConfigSet.With(policy: "risk: {max_drawdown_pct: -1}\n").Delete(ConfigFiles.Signals);

        var lines = set.Load().Errors.Select(p => p.ToString()).ToList();

        Assert.Contains(lines, l => l.StartsWith("signals.yaml: file not found in ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("policy.yaml: risk.max_drawdown_pct: must be in (0, 100]", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_problem_of_every_file_is_listed_in_one_run_in_file_order()
    {
        using var set = ConfigSet.With(
            app: "app:\n  mode: YOLO\nloop:\n  interval_seconds: 0\n  jitter_pct: 101\nmonitoring:\n  prometheus_port: 0\n",
            policy: "risk:\n  max_total_at_risk_pct: 15\n  max_position_size_pct: 20\n  daily_stop_pnl_pct: 2\n  count_open_orders_in_cap: false\nregime:\n  override: moon\nexecuton: {}\n",
            universe: "exclusions: {never_trade: [BTC-USD]}\n",
            signals: "triggers:\n  max_triggers_per_cycle: -3\n  only_upside: maybe\n");

        var result = set.Load();

        Assert.Null(result.Config);
        var lines = result.Errors.Select(p => p.ToString()).ToList();
        string[] expected =
        [
            "app.yaml: app.mode:",
            "app.yaml: loop.interval_seconds:",
            "app.yaml: loop.jitter_pct:",
            "app.yaml: monitoring.prometheus_port:",
            "policy.yaml: risk.max_position_size_pct: must be ≤ risk.max_total_at_risk_pct (15), got 20",
            "policy.yaml: risk.daily_stop_pnl_pct:",
            "policy.yaml: risk.count_open_orders_in_cap:",
            "policy.yaml: regime.override:",
            "policy.yaml: executon: unknown section; did you mean 'execution'?",
            "universe.yaml: tiers.tier_1_core.symbols: BTC-USD is also in exclusions.never_trade",
            "signals.yaml: triggers.max_triggers_per_cycle:",
            "signals.yaml: triggers.only_upside:",
        ];
        foreach (var prefix in expected)
            Assert.Contains(lines, l => l.StartsWith(prefix, StringComparison.Ordinal));
        Assert.Equal(expected.Length, lines.Count);
        var fileOrder = lines.Select(l => Array.IndexOf(ConfigFiles.All.ToArray(), l[..l.IndexOf(':')])).ToList();
        Assert.Equal(fileOrder.Order(), fileOrder);
    }

    [Fact]
    public void Node_problems_carry_their_line_number()
    {
        using var set = ConfigSet.With(policy: "risk:\n  max_drawdown_pct: 10\n  max_positon_size_pct: 5\n");

        var problem = Assert.Single(set.Load().Errors);

        Assert.Equal(3, problem.Line);
        Assert.EndsWith("(line 3)", problem.ToString());
    }

    [Fact]
    public void Unsafe_values_are_refused_not_clamped()
    {
        using var set = ConfigSet.With(policy: "risk: {max_total_at_risk_pct: 250}\n");

        var result = set.Load();

        Assert.Null(result.Config);
        Assert.Contains(result.Errors, p => p.KeyPath == "risk.max_total_at_risk_pct");
    }

    [Fact]
    public void Keys_of_the_reference_bot_we_do_not_support_are_warnings_and_the_file_still_loads()
    {
        using var set = ConfigSet.With(
            app: """
                 app: {name: "247trader-v2", version: "2.0.0", mode: "DRY_RUN"}
                 exchange:
                   name: "coinbase"
                   api_key: "${COINBASE_API_KEY}"
                   api_secret: "${COINBASE_API_SECRET}"
                   read_only: true
                 loop: {interval_minutes: 1.0, timezone: UTC}
                 auto_tune: {zero_trigger_cycles: 12, loosen: {pct_change_15m_delta: -0.2}}
                 """,
            policy: """
                    risk: {max_total_at_risk_pct: 15.0, allow_pyramiding: true}
                    ai: {enabled: false, openai_api_key: "${OPENAI_API_KEY}", news_sources: [coindesk.com]}
                    portfolio_management: {purge_execution: {slice_usd: 15.0}}
                    governance: {kill_switch_enabled: true, kill_switch_file: KILL_SWITCH}
                    """,
            universe: """
                      tiers:
                        tier_1_core:
                          symbols: [BTC-USD]
                          refresh: weekly
                          constraints: {max_allocation_pct: 40.0, max_spread_bps: 30, min_24h_volume_usd: 50000000, min_allocation_pct: 5.0}
                      """);

        var result = set.Load();

        Assert.Empty(result.Errors);
        Assert.NotNull(result.Config);
        var warnings = result.Warnings.Select(p => p.ToString()).ToList();
        string[] expected =
        [
            "app.yaml: app.version: warning: not supported, ignored",
            "app.yaml: exchange.api_key: warning: not supported, ignored; keys come only from the environment",
            "app.yaml: exchange.api_secret: warning: not supported, ignored",
            "app.yaml: loop.interval_minutes: warning: not supported, ignored; use loop.interval_seconds",
            "app.yaml: loop.timezone: warning: not supported, ignored",
            "app.yaml: auto_tune.zero_trigger_cycles: warning: not supported, ignored",
            "app.yaml: auto_tune.loosen.pct_change_15m_delta: warning: not supported, ignored",
            "policy.yaml: risk.allow_pyramiding: warning: not supported, ignored",
            "policy.yaml: ai.enabled: warning: not supported, ignored",
            "policy.yaml: ai.openai_api_key: warning: not supported, ignored",
            "policy.yaml: ai.news_sources: warning: not supported, ignored",
            "policy.yaml: portfolio_management.purge_execution.slice_usd: warning: not supported, ignored",
            "policy.yaml: governance.kill_switch_enabled: warning: not supported, ignored; the kill switch is always on",
            "universe.yaml: tiers.tier_1_core.refresh: warning: not supported, ignored",
            "universe.yaml: tiers.tier_1_core.constraints.min_allocation_pct: warning: not supported, ignored",
        ];
        foreach (var prefix in expected)
            Assert.Contains(warnings, l => l.StartsWith(prefix, StringComparison.Ordinal));
        Assert.Equal(expected.Length, warnings.Count);
    }

    [Fact]
    public void A_tier_without_spread_or_volume_limits_takes_the_policy_liquidity_values()
    {
        using var set = ConfigSet.With(
            policy: "liquidity: {max_spread_bps: 70, min_24h_volume_usd: 3000000}\n",
            universe: "tiers: {t1: {symbols: [BTC-USD], constraints: {max_allocation_pct: 40}}}\n");

        var tier = set.Load().Config!.Universe.Tiers["t1"];

        Assert.Equal(70m, tier.Constraints.MaxSpreadBps);
        Assert.Equal(3_000_000m, tier.Constraints.Min24hVolumeUsd);
    }

    [Fact]
    public void Values_given_in_the_files_are_bound_to_the_records()
    {
        using var set = ConfigSet.Shipped()
            .Replace(ConfigFiles.App, "mode: DRY_RUN", "mode: PAPER")
            .Replace(ConfigFiles.App, "rotated_on: null", "rotated_on: 2025-01-02")
            .Replace(ConfigFiles.App, "seed: null", "seed: 42")
            .Replace(ConfigFiles.Policy, "max_position_size_pct: 5.0", "max_position_size_pct: 4.5")
            .Replace(ConfigFiles.Policy, "override: null", "override: bear")
            .Replace(ConfigFiles.Policy, "    crash: 0.0", "    crash: 0.1")
            .Replace(ConfigFiles.Universe, "never_trade: [USDT-USD, USDC-USD, DAI-USD]", "never_trade: [USDT-USD]")
            .Replace(ConfigFiles.Signals, "only_upside: false", "only_upside: true");

        var result = set.Load();

        Assert.Empty(result.Problems);
        var config = result.Config!;
        Assert.Equal(TradingMode.Paper, config.App.App.Mode);
        Assert.Equal(new DateOnly(2025, 1, 2), config.App.Secrets.RotatedOn);
        Assert.Equal(42, config.App.Loop.Seed);
        Assert.Equal(4.5m, config.Policy.Risk.MaxPositionSizePct);
        Assert.Equal("bear", config.Policy.Regime.Override);
        Assert.Equal(0.1m, config.Policy.Regime.Multipliers["crash"]);
        Assert.Equal(1.2m, config.Policy.Regime.Multipliers["bull"]);
        Assert.Equal(["USDT-USD"], config.Universe.Exclusions.NeverTrade);
        Assert.True(config.Signals.Triggers.OnlyUpside);
    }

    [Fact]
    public void A_partial_fixed_key_map_keeps_the_defaults_of_the_keys_not_given()
    {
        using var set = ConfigSet.With(policy: "execution: {taker_max_slippage_bps: {T1: 10}}\n");

        var slippage = set.Load().Config!.Policy.Execution.TakerMaxSlippageBps;

        Assert.Equal(10m, slippage["T1"]);
        Assert.Equal(40m, slippage["T2"]);
        Assert.Equal(60m, slippage["default"]);
    }

    [Fact]
    public void A_missing_config_directory_is_one_error()
    {
        var result = ConfigLoader.Load(Path.Combine(Path.GetTempPath(), "no-such-dir-" + Guid.NewGuid().ToString("N")));

        var problem = Assert.Single(result.Problems);
        Assert.Contains("config directory not found", problem.Message);
        Assert.Null(result.Config);
    }
}
