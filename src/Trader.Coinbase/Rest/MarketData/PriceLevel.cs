using System.Text.Json.Serialization;

namespace Trader.Coinbase.Rest.MarketData;

public sealed record PriceLevel([property: JsonRequired] decimal Price, [property: JsonRequired] decimal Size);
