namespace Trader.Domain.Config;

/// <summary>config/universe.yaml (config-reference.md).</summary>
public sealed record UniverseConfig
{
    public ClustersSection Clusters { get; init; } = new();
    public ExclusionsSection Exclusions { get; init; } = new();
    public IReadOnlyDictionary<string, TierConfig> Tiers { get; init; } = DefaultTiers();
    public UniverseLimits Universe { get; init; } = new();

    public static IReadOnlyDictionary<string, TierConfig> DefaultTiers() => new Dictionary<string, TierConfig>
    {
        ["tier_1_core"] = new()
        {
            Symbols = ["BTC-USD", "ETH-USD", "SOL-USD"],
            Constraints = new TierConstraints { MaxAllocationPct = 40m, MaxSpreadBps = 20m, Min24hVolumeUsd = 10_000_000m },
        },
        ["tier_2_rotational"] = new()
        {
            Symbols = ["DOGE-USD", "XRP-USD", "ADA-USD", "AVAX-USD", "DOT-USD", "LINK-USD", "UNI-USD", "ATOM-USD", "LTC-USD"],
            Constraints = new TierConstraints { MaxAllocationPct = 20m, MaxSpreadBps = 35m, Min24hVolumeUsd = 5_000_000m },
        },
        ["tier_3_event_driven"] = new()
        {
            Symbols = [],
            Constraints = new TierConstraints { MaxAllocationPct = 10m, MaxSpreadBps = 60m, Min24hVolumeUsd = 2_000_000m },
        },
    };
}

public sealed record ClustersSection
{
    public bool Enabled { get; init; } = true;
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Definitions { get; init; } = new Dictionary<string, IReadOnlyList<string>>
    {
        ["LAYER1"] = ["BTC", "ETH", "SOL", "AVAX", "DOT", "ATOM"],
        ["LAYER2"] = ["OP", "ARB"],
        ["DEFI"] = ["UNI", "LINK", "AAVE", "SUSHI"],
        ["MEME"] = ["DOGE", "SHIB", "PEPE"],
    };
}

public sealed record ExclusionsSection
{
    public IReadOnlyList<string> NeverTrade { get; init; } = ["USDT-USD", "USDC-USD", "DAI-USD"];
}

public sealed record TierConfig
{
    public IReadOnlyList<string> Symbols { get; init; } = [];
    public TierConstraints Constraints { get; init; } = new();
}

public sealed record TierConstraints
{
    public decimal MaxAllocationPct { get; init; }
    public decimal MaxSpreadBps { get; init; }
    public decimal Min24hVolumeUsd { get; init; }
}

public sealed record UniverseLimits
{
    public int MaxUniverseSize { get; init; } = 30;
    public int MinEligibleAssets { get; init; } = 1;
}
