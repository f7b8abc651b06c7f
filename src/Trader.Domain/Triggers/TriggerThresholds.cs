using Trader.Domain.Config;
using Trader.Domain.Market;
using Trader.Domain.Regime;

namespace Trader.Domain.Triggers;

/// <summary>
/// The price-move and volume thresholds of a regime: signals.triggers.regime_thresholds[regime] when present,
/// else policy.triggers (price_move.pct_15m / pct_60m, volume_spike.ratio_1h_vs_24h).
/// </summary>
public sealed record TriggerThresholds(decimal Pct15m, decimal Pct60m, decimal VolumeRatio1h)
{
    /// <summary>The thresholds as the readings' division-free bounds take them (<see cref="MoveBound.Of"/>).</summary>
    internal double Pct15mBound { get; } = MoveBound.Of(Pct15m);

    internal double Pct60mBound { get; } = MoveBound.Of(Pct60m);

    internal double VolumeRatio1hBound { get; } = MoveBound.Of(VolumeRatio1h);

    public static TriggerThresholds For(MarketRegime regime, TraderConfig config)
    {
        if (config.Signals.Triggers.RegimeThresholds.TryGetValue(RegimeClassifier.NameOf(regime), out var t))
            return new TriggerThresholds(t.PctChange15m, t.PctChange60m, t.VolumeRatio1h);
        var policy = config.Policy.Triggers;
        return new TriggerThresholds(policy.PriceMove.Pct15m, policy.PriceMove.Pct60m, policy.VolumeSpike.Ratio1hVs24h);
    }
}
