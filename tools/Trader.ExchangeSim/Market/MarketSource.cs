namespace Trader.ExchangeSim.Market;

/// <summary>Where the simulator's books and trades come from.</summary>
public sealed record MarketSource
{
    private MarketSource() { }

    /// <summary>A capture file (CONTRACTS.md §8), or null for the random walk / external feed.</summary>
    public string? CapturePath { get; private init; }
    public CaptureAlignment Alignment { get; private init; }
    /// <summary>Seed of the random walk; null when the source is a capture or external.</summary>
    public int? RandomWalkSeed { get; private init; }
    /// <summary>How often the random walk moves.</summary>
    public TimeSpan RandomWalkStep { get; private init; } = TimeSpan.FromSeconds(1);

    public bool IsExternal => CapturePath is null && RandomWalkSeed is null;

    /// <summary>A seeded random walk for the configured products (BTC-USD and ETH-USD by default).</summary>
    public static MarketSource RandomWalk(int seed) => new() { RandomWalkSeed = seed };

    /// <summary>Frames from a capture (<c>recv_unix_ms TAB frame</c>, <c>.gz</c> streamed), paced on the clock.</summary>
    public static MarketSource Capture(string path, CaptureAlignment alignment = CaptureAlignment.Relative) =>
        new() { CapturePath = path, Alignment = alignment };

    /// <summary>No feed of its own: the embedding code pushes frames with <see cref="ExchangeSimulator.IngestFrame"/>.</summary>
    public static MarketSource External() => new();
}
