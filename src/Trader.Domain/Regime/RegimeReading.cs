namespace Trader.Domain.Regime;

/// <summary>
/// What <see cref="RegimeIndicator"/> measured on BTC-USD: the number of completed hourly closes and, once 7
/// days of them exist (169 closes, 168 hourly returns), the 7-day trend in percent and the annualised
/// volatility of hourly returns in percent (sample standard deviation × √(24 × 365) × 100).
/// </summary>
public readonly record struct RegimeReading(int HourlyCloses, decimal? TrendPct7d, double? AnnualisedVolPct)
{
    public static readonly RegimeReading None = new(0, null, null);

    public bool HasSevenDays => TrendPct7d is not null && AnnualisedVolPct is not null;
}
