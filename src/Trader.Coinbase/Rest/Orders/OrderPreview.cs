namespace Trader.Coinbase.Rest.Orders;

/// <summary>What <c>POST /orders/preview</c> says an order would cost; returned only when it has no <c>errs</c>.</summary>
public sealed record OrderPreview(
    decimal? OrderTotal,
    decimal? CommissionTotal,
    decimal? QuoteSize,
    decimal? BaseSize,
    decimal? BestBid,
    decimal? BestAsk,
    decimal? Slippage,
    string? PreviewId,
    IReadOnlyList<string> Warnings);
