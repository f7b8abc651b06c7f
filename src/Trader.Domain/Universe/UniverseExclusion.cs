namespace Trader.Domain.Universe;

/// <summary>A configured product left out of this cycle's universe, with its reason code and the numbers why.</summary>
public sealed record UniverseExclusion(string ProductId, string ReasonCode, string Detail);
