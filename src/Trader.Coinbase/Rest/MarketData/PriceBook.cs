using System.Text.Json.Serialization;

namespace Trader.Coinbase.Rest.MarketData;

/// <summary>Bids (best first) and asks (best first) of one product, as <c>best_bid_ask</c> and <c>product_book</c> return them.</summary>
public sealed record PriceBook([property: JsonRequired] string ProductId, IReadOnlyList<PriceLevel> Bids, IReadOnlyList<PriceLevel> Asks, DateTimeOffset? Time);
