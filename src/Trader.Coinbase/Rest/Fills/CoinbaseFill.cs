using Trader.Domain.Trading;

namespace Trader.Coinbase.Rest.Fills;

/// <summary>One fill of <c>GET /orders/historical/fills</c>; <see cref="Commission"/> is in quote currency.</summary>
public sealed record CoinbaseFill(
    string EntryId,
    string TradeId,
    string OrderId,
    DateTimeOffset TradeTime,
    string? TradeType,
    decimal Price,
    decimal Size,
    decimal Commission,
    string ProductId,
    DateTimeOffset? SequenceTimestamp,
    string? LiquidityIndicator,
    bool SizeInQuote,
    OrderSide Side);
