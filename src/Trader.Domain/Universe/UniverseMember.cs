namespace Trader.Domain.Universe;

/// <summary>An eligible product with its tier and theme (null when its base currency is in no cluster).</summary>
public sealed record UniverseMember(string ProductId, TierAssignment Tier, string? Theme);
