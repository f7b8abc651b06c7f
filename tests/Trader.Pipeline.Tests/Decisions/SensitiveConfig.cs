using Trader.Domain.Config;

namespace Trader.Pipeline.Tests.Decisions;

/// <summary>
/// Default config with the chop price-move thresholds lowered to 0.2 % / 0.4 %, so a quiet hour of real 2018
/// BTC/ETH quotes produces triggers, approvals and refusals for golden and determinism tests.
/// </summary>
internal static class SensitiveConfig
{
    public static TraderConfig Create()
    {
        var config = new TraderConfig();
        var thresholds = new Dictionary<string, RegimeThresholds>(config.Signals.Triggers.RegimeThresholds)
        {
            ["chop"] = new() { PctChange15m = 0.2m, PctChange60m = 0.4m, VolumeRatio1h = 1.8m },
        };
        return config with
        {
            Signals = config.Signals with { Triggers = config.Signals.Triggers with { RegimeThresholds = thresholds } },
        };
    }
}
