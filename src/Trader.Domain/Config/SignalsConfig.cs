namespace Trader.Domain.Config;

/// <summary>config/signals.yaml (config-reference.md).</summary>
public sealed record SignalsConfig
{
    public SignalTriggersSection Triggers { get; init; } = new();
}

public sealed record SignalTriggersSection
{
    public bool OnlyUpside { get; init; }
    public int MaxTriggersPerCycle { get; init; } = 5;
    public IReadOnlyDictionary<string, RegimeThresholds> RegimeThresholds { get; init; } = new Dictionary<string, RegimeThresholds>
    {
        ["chop"] = new() { PctChange15m = 1.2m, PctChange60m = 2.5m, VolumeRatio1h = 1.8m },
        ["bull"] = new() { PctChange15m = 3.5m, PctChange60m = 7.0m, VolumeRatio1h = 2.0m },
        ["bear"] = new() { PctChange15m = 3.0m, PctChange60m = 7.0m, VolumeRatio1h = 2.0m },
    };
    public MomentumSection Momentum { get; init; } = new();
}

public sealed record RegimeThresholds
{
    public decimal PctChange15m { get; init; }
    public decimal PctChange60m { get; init; }
    public decimal VolumeRatio1h { get; init; }
}

public sealed record MomentumSection
{
    public decimal LookbackHours { get; init; } = 24m;
    public decimal MinReturnPct { get; init; } = 2m;
    public decimal FullStrengthReturnPct { get; init; } = 10m;
}
