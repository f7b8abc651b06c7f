namespace Trader.Domain.Config;

/// <summary>The four configuration files as one validated, immutable set.</summary>
public sealed record TraderConfig
{
    public AppConfig App { get; init; } = new();
    public PolicyConfig Policy { get; init; } = new();
    public UniverseConfig Universe { get; init; } = new();
    public SignalsConfig Signals { get; init; } = new();
}
