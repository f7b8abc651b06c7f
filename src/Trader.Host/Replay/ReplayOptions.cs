using Trader.Domain.Config;
using Trader.Pipeline.Alerting;
using Trader.Pipeline.Alerts;
using Trader.Pipeline.Guards;

namespace Trader.Host.Replay;

/// <summary>
/// What a replay runs with: the guard settings and alert policy (from config), the decision loop timing and seed,
/// the pacing and, for paced runs, the real clock (the only real time a replay may read).
/// </summary>
public sealed record ReplayOptions
{
    public StalenessSettings Staleness { get; init; } = StalenessSettings.Default;
    public OutlierSettings Outliers { get; init; } = OutlierSettings.Default;
    public Func<string, decimal> SpreadLimitBps { get; init; } = _ => new LiquiditySection().MaxSpreadBps;
    public AlertPolicy Alerts { get; init; } = AlertPolicy.Default;
    public TimeSpan CycleInterval { get; init; } = TimeSpan.FromSeconds(60);
    public decimal CycleJitterPct { get; init; } = 10m;
    public int Seed { get; init; }
    public ReplaySpeed Speed { get; init; } = ReplaySpeed.Max;

    /// <summary>Required unless <see cref="Speed"/> is max: pacing waits on this clock.</summary>
    public TimeProvider? RealTime { get; init; }

    /// <summary>How far past the last frame the clock is advanced so due timers fire.</summary>
    public TimeSpan Settle { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Bad lines and rejected frames logged one by one before only a count is kept.</summary>
    public int MaxLoggedBadFrames { get; init; } = 20;

    public static ReplayOptions FromConfig(TraderConfig config, int seed, ReplaySpeed speed, TimeProvider? realTime)
    {
        var alerts = config.App.Monitoring.Alerts;
        return new ReplayOptions
        {
            Staleness = StalenessSettings.From(config.Policy.CircuitBreakers),
            Outliers = OutlierSettings.From(config.Policy.CircuitBreakers),
            SpreadLimitBps = SpreadLimits.FromConfig(config.Universe, config.Policy.Liquidity),
            Alerts = AlertPolicy.Default with
            {
                Dedupe = TimeSpan.FromSeconds((double)alerts.DedupeSeconds),
                Escalation = TimeSpan.FromSeconds((double)alerts.EscalationSeconds),
                MinSeverity = alerts.MinSeverity.ToLowerInvariant() switch
                {
                    "info" => AlertSeverity.Info,
                    "critical" => AlertSeverity.Critical,
                    _ => AlertSeverity.Warning,
                },
            },
            CycleInterval = TimeSpan.FromSeconds((double)config.App.Loop.IntervalSeconds),
            CycleJitterPct = config.App.Loop.JitterPct,
            Seed = seed,
            Speed = speed,
            RealTime = realTime,
        };
    }
}
