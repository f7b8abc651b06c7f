namespace Trader.Host.Execution;

/// <summary>What a placement attempt proved.</summary>
public enum VenuePlacementKind
{
    /// <summary>The venue has the order (its id is known).</summary>
    Placed,

    /// <summary>The venue refused it, or proved it never got it after every allowed attempt.</summary>
    Rejected,

    /// <summary>The venue may or may not have it: resolved later by a client-order-id lookup, never re-sent blindly.</summary>
    Ambiguous,
}
