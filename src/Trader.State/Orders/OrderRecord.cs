using Trader.Domain.Trading;

namespace Trader.State.Orders;

/// <summary>
/// One order and its client order id registration. <see cref="OrderType"/> is the venue's order configuration name
/// (e.g. <c>limit_limit_gtc</c>, <c>market_market_ioc</c>). Exactly one of <see cref="Size"/> (base) or
/// <see cref="QuoteSize"/> is normally set. Filled size, filled value (Σ price × size) and fees are kept up to date by
/// <see cref="Fills.FillStore.Record"/>.
/// </summary>
public sealed record OrderRecord
{
    public required string ClientOrderId { get; init; }
    public required string ProductId { get; init; }
    public required OrderSide Side { get; init; }
    public required string OrderType { get; init; }
    public decimal? Price { get; init; }
    public decimal? Size { get; init; }
    public decimal? QuoteSize { get; init; }
    public required OrderStatus Status { get; init; }
    public string? StatusReason { get; init; }
    public string? VenueOrderId { get; init; }
    public required TradingMode Mode { get; init; }
    public decimal FilledSize { get; init; }
    public decimal FilledValue { get; init; }
    public decimal Fees { get; init; }
    public required DateTimeOffset CreatedTs { get; init; }
    public required DateTimeOffset UpdatedTs { get; init; }

    /// <summary>
    /// The order this one replaces (a post-only re-price or the taker fallback of docs/EXECUTION.md "Working-order
    /// lifecycle"); null for an order placed from a decision.
    /// </summary>
    public string? ParentClientOrderId { get; init; }

    /// <summary>When the chain this order belongs to started (its first order's creation); null for a first order.</summary>
    public DateTimeOffset? ChainStartedTs { get; init; }

    /// <summary>The start of this order's chain: <see cref="ChainStartedTs"/>, or its own creation for a first order.</summary>
    public DateTimeOffset ChainStart => ChainStartedTs ?? CreatedTs;
}
