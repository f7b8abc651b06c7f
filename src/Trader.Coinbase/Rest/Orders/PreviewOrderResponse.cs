using System.Text.Json;

namespace Trader.Coinbase.Rest.Orders;

/// <summary>The preview answer on the wire (<c>errs</c>/<c>warning</c> may be strings or objects).</summary>
internal sealed record PreviewOrderResponse(
    bool? Success,
    OrderErrorResponse? ErrorResponse,
    decimal? OrderTotal,
    decimal? CommissionTotal,
    IReadOnlyList<JsonElement>? Errs,
    IReadOnlyList<JsonElement>? Warning,
    decimal? QuoteSize,
    decimal? BaseSize,
    decimal? BestBid,
    decimal? BestAsk,
    decimal? Slippage,
    string? PreviewId);
