using Trader.Domain.Config;

namespace Trader.Host.Configuration;

/// <summary>signals.yaml: its schema and its binding to <see cref="SignalsConfig"/>.</summary>
internal static class SignalsConfigBinder
{
    public static SignalsConfig Bind(YamlSection root)
    {
        var d = new SignalsConfig().Triggers;
        var triggers = root.Section("triggers");
        var momentum = triggers.Section("momentum");
        return new SignalsConfig
        {
            Triggers = new SignalTriggersSection
            {
                OnlyUpside = triggers.Bool("only_upside", d.OnlyUpside),
                MaxTriggersPerCycle = triggers.Int("max_triggers_per_cycle", d.MaxTriggersPerCycle, Must.PositiveWhole),
                RegimeThresholds = triggers.Map("regime_thresholds", d.RegimeThresholds,
                    (s, name, node) => BindThresholds(s.EntrySection(name, node), d.RegimeThresholds.GetValueOrDefault(name)),
                    PolicyConfigBinder.Regimes),
                Momentum = new MomentumSection
                {
                    LookbackHours = momentum.Decimal("lookback_hours", d.Momentum.LookbackHours, Must.Positive),
                    MinReturnPct = momentum.Decimal("min_return_pct", d.Momentum.MinReturnPct, Must.NonNegative),
                    FullStrengthReturnPct = momentum.Decimal("full_strength_return_pct", d.Momentum.FullStrengthReturnPct, Must.Positive),
                },
            },
        };
    }

    private static RegimeThresholds BindThresholds(YamlSection regime, RegimeThresholds? defaults)
    {
        var d = defaults ?? new RegimeThresholds();
        if (defaults is null)
        {
            foreach (var key in new[] { "pct_change_15m", "pct_change_60m", "volume_ratio_1h" })
            {
                if (!regime.Has(key))
                    regime.Error(regime.Child(key), "required (this regime has no default thresholds)");
            }
        }
        return new RegimeThresholds
        {
            PctChange15m = regime.Decimal("pct_change_15m", d.PctChange15m, Must.Positive),
            PctChange60m = regime.Decimal("pct_change_60m", d.PctChange60m, Must.Positive),
            VolumeRatio1h = regime.Decimal("volume_ratio_1h", d.VolumeRatio1h, Must.Positive),
        };
    }
}
