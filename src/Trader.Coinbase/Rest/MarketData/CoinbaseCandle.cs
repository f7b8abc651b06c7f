using System.Text.Json.Serialization;
using Trader.Domain.Market;

namespace Trader.Coinbase.Rest.MarketData;

/// <summary>One candle of <c>GET /products/{id}/candles</c>; <see cref="Start"/> is unix seconds.</summary>
public sealed record CoinbaseCandle([property: JsonRequired] long Start, [property: JsonRequired] decimal Low, [property: JsonRequired] decimal High, [property: JsonRequired] decimal Open, [property: JsonRequired] decimal Close, decimal Volume)
{
    /// <summary>As the domain's one-minute candle (meaningful for <see cref="CandleGranularity.OneMinute"/>).</summary>
    public Candle ToCandle() => new(DateTimeOffset.FromUnixTimeSeconds(Start), Open, High, Low, Close, Volume);
}
