using Trader.Domain.Config;
using Trader.Domain.Market;
using Trader.Domain.Regime;

namespace Trader.Domain.Triggers;

/// <summary>
/// The price-move and volume thresholds of a regime: signals.triggers.regime_thresholds[regime] when present,
/// else policy.triggers (price_move.pct_15m / pct_60m, volume_spike.ratio_1h_vs_24h).
/// </summary>
public sealed record TriggerThresholds
{
    private readonly decimal _pct15m, _pct60m, _volumeRatio1h;

    public TriggerThresholds(decimal pct15m, decimal pct60m, decimal volumeRatio1h)
    {
        Pct15m = pct15m;
        Pct60m = pct60m;
        VolumeRatio1h = volumeRatio1h;
    }

    // Each threshold sets its bound too, so a copy made with `with` never carries a stale one.
    public decimal Pct15m
    {
        get => _pct15m;
        init => (_pct15m, Pct15mBound) = (value, MoveBound.Of(value));
    }

    public decimal Pct60m
    {
        get => _pct60m;
        init => (_pct60m, Pct60mBound) = (value, MoveBound.Of(value));
    }

    public decimal VolumeRatio1h
    {
        get => _volumeRatio1h;
        init => (_volumeRatio1h, VolumeRatio1hBound) = (value, MoveBound.Of(value));
    }

    /// <summary>The thresholds as the readings' division-free bounds take them (<see cref="MoveBound.Of"/>), converted once.</summary>
    internal double Pct15mBound { get; private init; }

    internal double Pct60mBound { get; private init; }

    internal double VolumeRatio1hBound { get; private init; }

    public static TriggerThresholds For(MarketRegime regime, TraderConfig config)
    {
        if (config.Signals.Triggers.RegimeThresholds.TryGetValue(RegimeClassifier.NameOf(regime), out var t))
            return new TriggerThresholds(t.PctChange15m, t.PctChange60m, t.VolumeRatio1h);
        var policy = config.Policy.Triggers;
        return new TriggerThresholds(policy.PriceMove.Pct15m, policy.PriceMove.Pct60m, policy.VolumeSpike.Ratio1hVs24h);
    }
}
