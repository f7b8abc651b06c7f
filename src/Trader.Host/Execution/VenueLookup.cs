namespace Trader.Host.Execution;

/// <summary>The answer to an order lookup.</summary>
public sealed record VenueLookup(VenueLookupKind Kind, VenueOrderState? Order, string? Reason)
{
    public static VenueLookup Found(VenueOrderState order) => new(VenueLookupKind.Found, order, null);

    public static readonly VenueLookup NotFound = new(VenueLookupKind.NotFound, null, null);

    public static VenueLookup Unavailable(string reason) => new(VenueLookupKind.Unavailable, null, reason);
}
