using Trader.Coinbase.Rest;

namespace Trader.Coinbase.Retry;

/// <summary>
/// How placing one order ended. <see cref="OrderId"/> is set when <see cref="OrderPlacementKind.Placed"/>;
/// <see cref="Reason"/> is the venue's reason code (or the failure kind) otherwise; <see cref="LastFailure"/>
/// is the last failed answer seen (also on success after re-sends). <see cref="Sends"/> counts POSTs (all with the same client order id) and
/// <see cref="Lookups"/> the client-order-id lookups that were needed.
/// </summary>
public sealed record OrderPlacementOutcome(
    OrderPlacementKind Kind,
    string ClientOrderId,
    string? OrderId,
    string? Status,
    string? Reason,
    RestFailure? LastFailure,
    int Sends,
    int Lookups)
{
    public bool ResolvedByLookup => Kind != OrderPlacementKind.Ambiguous && Lookups > 0;
}
