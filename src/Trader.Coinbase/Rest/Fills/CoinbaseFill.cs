using System.Text.Json.Serialization;
using Trader.Domain.Trading;

namespace Trader.Coinbase.Rest.Fills;

/// <summary>One fill of <c>GET /orders/historical/fills</c>; <see cref="Commission"/> is in quote currency.</summary>
public sealed record CoinbaseFill(
    string EntryId,
    [property: JsonRequired] string TradeId,
    [property: JsonRequired] string OrderId,
    [property: JsonRequired] DateTimeOffset TradeTime,
    string? TradeType,
    [property: JsonRequired] decimal Price,
    [property: JsonRequired] decimal Size,
    decimal Commission,
    [property: JsonRequired] string ProductId,
    DateTimeOffset? SequenceTimestamp,
    string? LiquidityIndicator,
    bool SizeInQuote,
    [property: JsonRequired] OrderSide Side);
