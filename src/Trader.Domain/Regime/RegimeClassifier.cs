using System.Globalization;
using Trader.Domain.Config;

namespace Trader.Domain.Regime;

/// <summary>
/// The reference bot's regime rules on BTC-USD: crash if the 7-day trend &lt; −10 % or volatility &gt; 100 %;
/// bull if trend ≥ 10 % and volatility &lt; 60 %; bear if trend ≤ −5 %; otherwise chop. <c>chop</c> until 7 days of
/// history exist, or when regime.enabled is false; regime.override pins it. Multipliers come from
/// regime.multipliers (REQ-U3 defaults {bull 1.2, chop 1.0, bear 0.6, crash 0.0}).
/// </summary>
public static class RegimeClassifier
{
    public static RegimeAssessment Assess(RegimeReading reading, RegimeSection config)
    {
        if (!string.IsNullOrWhiteSpace(config.Override))
        {
            if (TryParse(config.Override, out var pinned))
                return Make(pinned, config, $"pinned by regime.override={NameOf(pinned)}");
            return Make(MarketRegime.Chop, config, $"unknown regime.override '{config.Override}': chop");
        }
        if (!config.Enabled)
            return Make(MarketRegime.Chop, config, "regime.enabled is false: chop");
        if (!reading.HasSevenDays)
            return Make(MarketRegime.Chop, config, $"chop until 7 days of BTC-USD history exist ({reading.HourlyCloses} hourly closes)");

        var trend = reading.TrendPct7d!.Value;
        var vol = reading.AnnualisedVolPct!.Value;
        var regime = Classify(trend, vol);
        return Make(regime, config,
            $"BTC-USD 7d trend {trend.ToString("0.00", CultureInfo.InvariantCulture)} %, " +
            $"annualised vol {vol.ToString("0.0", CultureInfo.InvariantCulture)} %");
    }

    public static MarketRegime Classify(decimal trendPct7d, double annualisedVolPct)
    {
        if (trendPct7d < -10m || annualisedVolPct > 100.0) return MarketRegime.Crash;
        if (trendPct7d >= 10m && annualisedVolPct < 60.0) return MarketRegime.Bull;
        if (trendPct7d <= -5m) return MarketRegime.Bear;
        return MarketRegime.Chop;
    }

    /// <summary>The multiplier of a regime: regime.multipliers, else the REQ-U3 default.</summary>
    public static decimal MultiplierOf(MarketRegime regime, RegimeSection config) =>
        config.Multipliers.TryGetValue(NameOf(regime), out var m) ? Math.Max(0m, m) : DefaultMultiplier(regime);

    public static decimal DefaultMultiplier(MarketRegime regime) => regime switch
    {
        MarketRegime.Bull => 1.2m,
        MarketRegime.Bear => 0.6m,
        MarketRegime.Crash => 0.0m,
        _ => 1.0m,
    };

    public static string NameOf(MarketRegime regime) => regime switch
    {
        MarketRegime.Bull => "bull",
        MarketRegime.Bear => "bear",
        MarketRegime.Crash => "crash",
        _ => "chop",
    };

    public static bool TryParse(string? name, out MarketRegime regime)
    {
        switch (name?.Trim().ToLowerInvariant())
        {
            case "bull": regime = MarketRegime.Bull; return true;
            case "chop": regime = MarketRegime.Chop; return true;
            case "bear": regime = MarketRegime.Bear; return true;
            case "crash": regime = MarketRegime.Crash; return true;
            default: regime = MarketRegime.Chop; return false;
        }
    }

    private static RegimeAssessment Make(MarketRegime regime, RegimeSection config, string reason) =>
        new(regime, MultiplierOf(regime, config), reason);
}
