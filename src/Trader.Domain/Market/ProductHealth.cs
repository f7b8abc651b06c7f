namespace Trader.Domain.Market;

/// <summary>Whether a product may trade now, and why not (REQ-EX1). <see cref="Reason"/> is null when healthy.</summary>
public readonly record struct ProductHealth(ProductStatus Status, string? Reason)
{
    public static readonly ProductHealth Online = new(ProductStatus.Online, null);

    public bool AllowsEntries => Status == ProductStatus.Online;
}
