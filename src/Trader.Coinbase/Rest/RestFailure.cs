namespace Trader.Coinbase.Rest;

/// <summary>
/// A REST call that did not produce its value. <see cref="ErrorCode"/> is the venue's most specific reason
/// (for a rejected order: <c>new_order_failure_reason</c>, else <c>preview_failure_reason</c>, else
/// <c>error</c>). <see cref="Message"/> is short, and never contains the Authorization header or the token.
/// <see cref="MayHaveReachedVenue"/> is true when the venue may have acted on the request (timeout, 5xx,
/// connection lost after sending, unreadable 2xx): a create-order with this flag is ambiguous.
/// </summary>
public sealed record RestFailure(
    string Endpoint,
    RestFailureKind Kind,
    int? HttpStatus,
    string? ErrorCode,
    string Message,
    bool MayHaveReachedVenue)
{
    /// <summary>Worth another attempt for an idempotent call (CONTRACTS.md §9): 429, 5xx, transport errors, timeouts.</summary>
    public bool IsTransient => Kind is RestFailureKind.RateLimited or RestFailureKind.ServerError
        or RestFailureKind.Transport or RestFailureKind.Timeout;

    public override string ToString() =>
        $"{Endpoint}: {Kind}{(HttpStatus is { } s ? $" (HTTP {s})" : "")}{(ErrorCode is null ? "" : $" {ErrorCode}")}: {Message}";
}
