namespace Trader.Coinbase.Rest.Orders;

/// <summary><c>error_response</c> of a refused create-order (HTTP 200, <c>success:false</c>).</summary>
internal sealed record OrderErrorResponse(
    string? Error,
    string? Message,
    string? ErrorDetails,
    string? PreviewFailureReason,
    string? NewOrderFailureReason)
{
    /// <summary>The most specific reason: new-order reason, then preview reason, then the deprecated <c>error</c>.</summary>
    public string ReasonCode =>
        Meaningful(NewOrderFailureReason) ?? Meaningful(PreviewFailureReason) ?? Meaningful(Error) ?? "UNKNOWN_FAILURE_REASON";

    public string Text => !string.IsNullOrWhiteSpace(Message) ? Message!
        : !string.IsNullOrWhiteSpace(ErrorDetails) ? ErrorDetails! : ReasonCode;

    private static string? Meaningful(string? reason) =>
        string.IsNullOrWhiteSpace(reason) || reason.StartsWith("UNKNOWN_", StringComparison.Ordinal) ? null : reason;
}
