namespace Trader.Coinbase.Rest.MarketData;

public static class CandleGranularityNames
{
    public static string ToWire(this CandleGranularity granularity) => granularity switch
    {
        CandleGranularity.OneMinute => "ONE_MINUTE",
        CandleGranularity.FiveMinute => "FIVE_MINUTE",
        CandleGranularity.FifteenMinute => "FIFTEEN_MINUTE",
        CandleGranularity.ThirtyMinute => "THIRTY_MINUTE",
        CandleGranularity.OneHour => "ONE_HOUR",
        CandleGranularity.TwoHour => "TWO_HOUR",
        CandleGranularity.FourHour => "FOUR_HOUR",
        CandleGranularity.SixHour => "SIX_HOUR",
        CandleGranularity.OneDay => "ONE_DAY",
        _ => throw new ArgumentOutOfRangeException(nameof(granularity)),
    };
}
