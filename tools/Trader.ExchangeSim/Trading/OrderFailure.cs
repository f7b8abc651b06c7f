namespace Trader.ExchangeSim.Trading;

/// <summary>
/// Why a create/preview failed: the <c>error_response</c> fields (wire-format.md §2.3). <see cref="PreviewReason"/>
/// is always the <c>PREVIEW_*</c> form (preview <c>errs</c>); a create response shows it only for the reasons
/// Coinbase reports as preview failures (<see cref="ShowPreviewOnCreate"/>), otherwise
/// <c>UNKNOWN_PREVIEW_FAILURE_REASON</c>.
/// </summary>
internal sealed record OrderFailure(string Error, string Message, string NewOrderReason, string PreviewReason, bool ShowPreviewOnCreate)
{
    public const string NoPreviewReason = "UNKNOWN_PREVIEW_FAILURE_REASON";
    public const string NoNewOrderReason = "UNKNOWN_FAILURE_REASON";

    /// <summary>A new-order failure: error = new_order_failure_reason = <paramref name="reason"/>.</summary>
    public static OrderFailure NewOrder(string reason, string message, string? preview = null) =>
        new(reason, message, reason, preview ?? "PREVIEW_" + reason, false);

    /// <summary>A failure Coinbase reports through preview_failure_reason (new_order_failure_reason unknown).</summary>
    public static OrderFailure Preview(string error, string message, string previewReason) =>
        new(error, message, NoNewOrderReason, previewReason, true);

    public static readonly OrderFailure PostOnlyWouldCross =
        new(NoNewOrderReason, "", "INVALID_LIMIT_PRICE_POST_ONLY", "PREVIEW_INVALID_LIMIT_PRICE_POST_ONLY", false);

    public static readonly OrderFailure InsufficientFund =
        Preview("INSUFFICIENT_FUND", "Insufficient balance in source account", "PREVIEW_INSUFFICIENT_FUND");
}
