namespace Trader.Coinbase.Rest.MarketData;

/// <summary>The candle sizes Coinbase serves; <see cref="CandleGranularityNames"/> gives the wire names.</summary>
public enum CandleGranularity
{
    OneMinute,
    FiveMinute,
    FifteenMinute,
    ThirtyMinute,
    OneHour,
    TwoHour,
    FourHour,
    SixHour,
    OneDay,
}
