using System.Text.Json.Serialization;

namespace Trader.Coinbase.Rest.MarketData;

/// <summary><c>GET /time</c>: <c>{"iso", "epochSeconds", "epochMillis"}</c> (camelCase on the wire).</summary>
public sealed record ServerTime(
    DateTimeOffset Iso,
    [property: JsonPropertyName("epochSeconds")] long EpochSeconds,
    [property: JsonPropertyName("epochMillis")] long EpochMillis)
{
    public DateTimeOffset Instant => DateTimeOffset.FromUnixTimeMilliseconds(EpochMillis);
}
