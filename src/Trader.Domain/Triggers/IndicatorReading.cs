namespace Trader.Domain.Triggers;

/// <summary>
/// The current indicator values of one product, as the decision reads them. A value is null until enough
/// minutes of history exist for it. Percentages are in percent; volumes in base units.
/// </summary>
public sealed record IndicatorReading(
    DateTimeOffset? LastCandleEnd,
    int Minutes,
    decimal? Close,
    decimal? Change15mPct,
    decimal? Change60mPct,
    decimal? Volume1h,
    decimal? AvgHourlyVolume24h,
    decimal? LookbackHigh,
    decimal? LookbackLow,
    decimal? MomentumReturnPct,
    decimal? MomentumSameSignShare)
{
    public static readonly IndicatorReading Empty = new(null, 0, null, null, null, null, null, null, null, null, null);

    /// <summary>Last hour's volume over the average hourly volume of the last 24 h (null when undefined).</summary>
    public decimal? VolumeRatio => Volume1h is { } v && AvgHourlyVolume24h is { } avg && avg > 0m ? v / avg : null;
}
