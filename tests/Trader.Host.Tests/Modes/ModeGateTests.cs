using Trader.Domain.Config;
using Trader.Domain.Trading;
using Trader.Host.Modes;
using Trader.Host.Secrets;
using Trader.Host.Tests.Configuration;
using Trader.Host.Tests.Secrets;
using Trader.Testing;

namespace Trader.Host.Tests.Modes;

[Trait("Req", "REQ-M1")]
public sealed class ModeGateTests
{
    private static readonly Dictionary<string, string> KeyEnvironment = new()
    {
        ["COINBASE_API_KEY_NAME"] = TestKeys.KeyName,
        ["COINBASE_API_PRIVATE_KEY"] = TestKeys.Es256Sec1Pem,
    };

    private static TraderConfig Config(TradingMode mode, bool readOnly, bool liveEnabled, DateOnly? rotatedOn)
    {
        var d = new TraderConfig();
        return d with
        {
            App = d.App with
            {
                App = d.App.App with { Mode = mode },
                Exchange = d.App.Exchange with { ReadOnly = readOnly },
                Secrets = d.App.Secrets with { RotatedOn = rotatedOn },
            },
            Policy = d.Policy with { Governance = d.Policy.Governance with { LiveTradingEnabled = liveEnabled } },
        };
    }

    private static LiveRequest Request(TradingMode? flag, TraderConfig config, bool keys)
    {
        var environment = keys ? KeyEnvironment : [];
        var secrets = SecretsStatus.Load(config.App.Secrets, name => environment.GetValueOrDefault(name), VirtualTime.Create().TimeProvider);
        return new LiveRequest(flag, config, secrets);
    }

    private static readonly DateOnly Today = DateOnly.FromDateTime(VirtualTime.Epoch.UtcDateTime);

    [Fact]
    public void Every_combination_of_the_LIVE_conditions_lists_exactly_the_unmet_ones()
    {
        for (var combination = 0; combination < 64; combination++)
        {
            var flagLive = (combination & 1) != 0;
            var configLive = (combination & 2) != 0;
            var writable = (combination & 4) != 0;
            var enabled = (combination & 8) != 0;
            var keys = (combination & 16) != 0;
            var fresh = (combination & 32) != 0;
            var config = Config(configLive ? TradingMode.Live : TradingMode.Paper, readOnly: !writable, liveEnabled: enabled,
                rotatedOn: Today.AddDays(fresh ? -30 : -120));
            var request = Request(flagLive ? TradingMode.Live : null, config, keys);

            var unmet = LiveReadiness.Standard.UnmetConditions(request).Select(u => u.Check).ToList();

            var expected = new List<string>();
            if (!flagLive) expected.Add("mode_flag");
            if (!configLive) expected.Add("config_mode");
            if (!writable) expected.Add("read_only");
            if (!enabled) expected.Add("live_trading_enabled");
            if (!keys) expected.Add("api_keys");
            if (!fresh) expected.Add("secrets_rotation");
            Assert.True(expected.SequenceEqual(unmet), $"combination {combination}: expected [{string.Join(", ", expected)}], got [{string.Join(", ", unmet)}]");

            var decision = ModeGate.Standard.Decide(request);
            if (flagLive || configLive)
            {
                Assert.Equal(TradingMode.Live, decision.Mode);
                Assert.Equal(expected.Count > 0, decision.Refused);
                Assert.Equal(expected, decision.Unmet.Select(u => u.Check));
            }
            else
            {
                Assert.Equal(TradingMode.Paper, decision.Mode);
                Assert.False(decision.Refused);
            }
        }
    }

    [Fact]
    public void The_reasons_say_what_to_change()
    {
        var unmet = LiveReadiness.Standard.UnmetConditions(Request(TradingMode.Paper, new TraderConfig(), keys: false)).Select(u => u.ToString()).ToList();

        Assert.Equal(
        [
            "mode_flag: --mode is paper; LIVE needs --mode live",
            "config_mode: app.yaml app.mode is DRY_RUN; LIVE needs app.mode: LIVE",
            "read_only: app.yaml exchange.read_only is true; LIVE needs exchange.read_only: false",
            "live_trading_enabled: policy.yaml governance.live_trading_enabled is false; LIVE needs it true",
            "api_keys: no API key: set COINBASE_API_KEY_NAME and COINBASE_API_PRIVATE_KEY (or COINBASE_API_PRIVATE_KEY_FILE)",
            "secrets_rotation: secrets.rotated_on is not set: the key's rotation date is unknown (REQ-SEC2)",
        ], unmet);
    }

    [Fact]
    public void The_default_is_DRY_RUN_with_read_only_true()
    {
        using var set = ConfigSet.Shipped();
        var config = set.Load().Config!;

        var decision = ModeGate.Standard.Decide(Request(null, config, keys: false));

        Assert.Equal(TradingMode.DryRun, decision.Mode);
        Assert.False(decision.Refused);
        Assert.True(config.App.Exchange.ReadOnly);
        Assert.False(config.Policy.Governance.LiveTradingEnabled);
    }

    [Fact]
    public void PAPER_needs_no_keys()
    {
        var decision = ModeGate.Standard.Decide(Request(TradingMode.Paper, new TraderConfig(), keys: false));

        Assert.Equal(TradingMode.Paper, decision.Mode);
        Assert.False(decision.Refused);
    }

    [Fact]
    public void Live_in_the_config_without_the_flag_is_refused()
    {
        var config = Config(TradingMode.Live, readOnly: false, liveEnabled: true, rotatedOn: Today.AddDays(-1));

        var decision = ModeGate.Standard.Decide(Request(null, config, keys: true));

        Assert.Equal(TradingMode.Live, decision.Mode);
        Assert.Equal("mode_flag", Assert.Single(decision.Unmet).Check);
    }

    [Fact]
    public void A_safer_flag_than_the_config_runs_the_safer_mode()
    {
        var config = Config(TradingMode.Live, readOnly: false, liveEnabled: true, rotatedOn: Today.AddDays(-1));

        var decision = ModeGate.Standard.Decide(Request(TradingMode.Paper, config, keys: false));

        Assert.Equal(TradingMode.Paper, decision.Mode);
        Assert.False(decision.Refused);
        Assert.Contains("although app.yaml app.mode is LIVE", Assert.Single(decision.Notes));
    }

    [Fact]
    public void All_conditions_met_runs_LIVE()
    {
        var config = Config(TradingMode.Live, readOnly: false, liveEnabled: true, rotatedOn: Today.AddDays(-1));

        var decision = ModeGate.Standard.Decide(Request(TradingMode.Live, config, keys: true));

        Assert.Equal(TradingMode.Live, decision.Mode);
        Assert.False(decision.Refused);
    }

    [Fact]
    public void A_broken_key_is_listed_with_its_problem_under_api_keys()
    {
        var config = Config(TradingMode.Live, readOnly: false, liveEnabled: true, rotatedOn: Today.AddDays(-1));
        var secrets = SecretsStatus.Load(config.App.Secrets, name => name == "COINBASE_API_KEY_NAME" ? TestKeys.KeyName : null, VirtualTime.Create().TimeProvider);

        var unmet = LiveReadiness.Standard.UnmetConditions(new LiveRequest(TradingMode.Live, config, secrets));

        var condition = Assert.Single(unmet);
        Assert.Equal("api_keys", condition.Check);
        Assert.Contains("neither COINBASE_API_PRIVATE_KEY nor COINBASE_API_PRIVATE_KEY_FILE", condition.Reason);
    }

    [Fact]
    public void Further_go_live_checks_plug_into_the_same_list()
    {
        var config = Config(TradingMode.Live, readOnly: false, liveEnabled: true, rotatedOn: Today.AddDays(-1));
        var gate = new ModeGate(LiveReadiness.Standard.With(new GoLiveCheck("paper_rehearsal", _ => "2 of 7 days of paper trading recorded")));

        var decision = gate.Decide(Request(TradingMode.Live, config, keys: true));

        Assert.True(decision.Refused);
        Assert.Equal("paper_rehearsal: 2 of 7 days of paper trading recorded", Assert.Single(decision.Unmet).ToString());
    }

    [Theory]
    [InlineData("dry-run", TradingMode.DryRun)]
    [InlineData("paper", TradingMode.Paper)]
    [InlineData("live", TradingMode.Live)]
    public void Mode_flags_parse(string flag, TradingMode mode)
    {
        Assert.True(ModeNames.TryParseFlag(flag, out var parsed));
        Assert.Equal(mode, parsed);
        Assert.False(ModeNames.TryParseFlag("LIVE", out _));
    }
}
