namespace Trader.Coinbase.Retry;

public enum OrderPlacementKind
{
    /// <summary>The venue has the order (answered, or found by its client order id).</summary>
    Placed,
    /// <summary>The venue certainly does not have the order: it refused it, or the request never reached it.</summary>
    Rejected,
    /// <summary>The request may have reached the venue and the lookup could not tell: reconcile, alert <c>order_ambiguous</c>.</summary>
    Ambiguous,
}
