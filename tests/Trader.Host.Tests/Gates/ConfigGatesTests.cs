using Trader.Domain.Config;
using Trader.Host.Gates;
using Trader.Host.Modes;
using Trader.Host.Secrets;
using Trader.Host.Tests.Secrets;
using Trader.Testing;

namespace Trader.Host.Tests.Gates;

/// <summary>The gates decided by config and environment: secrets (REQ-SEC2), telemetry, alerts, jitter.</summary>
public sealed class ConfigGatesTests
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(VirtualTime.Epoch.UtcDateTime);
    private static readonly Dictionary<string, string> Keys = new()
    {
        ["COINBASE_API_KEY_NAME"] = TestKeys.KeyName,
        ["COINBASE_API_PRIVATE_KEY"] = TestKeys.Es256Sec1Pem,
        ["ALERT_WEBHOOK_URL"] = "https://hooks.example.com/x",
    };

    private static LiveRequest Request(TraderConfig config, IReadOnlyDictionary<string, string>? environment = null)
    {
        var env = environment ?? Keys;
        return new LiveRequest(null, config, SecretsStatus.Load(config.App.Secrets, n => env.GetValueOrDefault(n), VirtualTime.Create().TimeProvider));
    }

    private static TraderConfig RotatedDaysAgo(int days)
    {
        var d = new TraderConfig();
        return d with { App = d.App with { Secrets = d.App.Secrets with { RotatedOn = Today.AddDays(-days) } } };
    }

    [Theory]
    [Trait("Req", "REQ-SEC2")]
    [InlineData(0, true)]
    [InlineData(90, true)]
    [InlineData(91, false)]
    [InlineData(-1, false)]
    public void Secrets_must_be_present_and_rotated_within_90_days(int ageDays, bool met)
    {
        var verdict = new SecretsGate().Evaluate(Request(RotatedDaysAgo(ageDays)));
        Assert.Equal(met, verdict.Met);
        if (!met) Assert.Contains("secrets.rotated_on", verdict.Remedy);
        Assert.DoesNotContain("BEGIN", verdict.Detail + verdict.Remedy);
    }

    [Fact]
    [Trait("Req", "REQ-SEC2")]
    public void No_key_is_unmet_whatever_the_rotation_date()
    {
        var verdict = new SecretsGate().Evaluate(Request(RotatedDaysAgo(1), new Dictionary<string, string>()));
        Assert.False(verdict.Met);
        Assert.Contains("no API key", verdict.Detail);
    }

    [Fact]
    public void Telemetry_alerts_and_jitter_follow_the_config_and_environment()
    {
        var d = new TraderConfig();
        var evidence = new GateEvidence(VirtualTime.Epoch, [], [], null, n => Keys.GetValueOrDefault(n));
        Assert.True(new TelemetryGate().Evaluate(Request(d)).Met);
        Assert.True(new AlertsGate(evidence).Evaluate(Request(d)).Met);
        Assert.True(new JitterGate().Evaluate(Request(d)).Met);

        var off = d with
        {
            App = d.App with
            {
                Monitoring = d.App.Monitoring with { MetricsEnabled = false, AlertsEnabled = false },
                Loop = d.App.Loop with { JitterPct = 0m },
            },
        };
        Assert.Contains("metrics_enabled is false", new TelemetryGate().Evaluate(Request(off)).Detail);
        Assert.Contains("alerts_enabled is false", new AlertsGate(evidence).Evaluate(Request(off)).Detail);
        Assert.Contains("jitter_pct is 0", new JitterGate().Evaluate(Request(off)).Detail);

        var notUrl = new GateEvidence(VirtualTime.Epoch, [], [], null, n => n == "ALERT_WEBHOOK_URL" ? "hooks.example.com" : null);
        Assert.Contains("not an http(s) URL", new AlertsGate(notUrl).Evaluate(Request(d)).Detail);
    }

    [Fact]
    public void An_unmet_gate_refuses_through_the_live_readiness_plug_in()
    {
        var evidence = new GateEvidence(VirtualTime.Epoch, [], [], null, _ => null);
        var readiness = LiveReadiness.Standard.With([.. GoLiveGates.BeyondStandard(evidence)]);
        var unmet = readiness.UnmetConditions(Request(RotatedDaysAgo(3))).Select(u => u.Check).ToList();
        Assert.Equal(["mode_flag", "config_mode", "read_only", "live_trading_enabled", "clock_sync", "paper_rehearsal", "kill_drill", "alerts"], unmet);
    }
}
