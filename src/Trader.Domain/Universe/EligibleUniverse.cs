namespace Trader.Domain.Universe;

/// <summary>This cycle's eligible products (tier order) and every configured product excluded, with why (REQ-U1).</summary>
public sealed record EligibleUniverse(IReadOnlyList<UniverseMember> Members, IReadOnlyList<UniverseExclusion> Exclusions)
{
    public UniverseMember? MemberOf(string productId)
    {
        foreach (var member in Members)
            if (string.Equals(member.ProductId, productId, StringComparison.Ordinal)) return member;
        return null;
    }
}
