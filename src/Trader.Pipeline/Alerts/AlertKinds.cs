namespace Trader.Pipeline.Alerts;

/// <summary>The alert kinds of CONTRACTS.md §7.</summary>
public static class AlertKinds
{
    public const string KillSwitch = "kill_switch";
    public const string Staleness = "staleness";
    public const string ProductHealth = "product_health";
    public const string ExchangeHealth = "exchange_health";
    public const string SequenceGap = "sequence_gap";
    public const string FeedDown = "feed_down";
    public const string Outlier = "outlier";
    public const string ExposureCap = "exposure_cap";
    public const string Drawdown = "drawdown";
    public const string DailyStop = "daily_stop";
    public const string Slo = "slo";
    public const string OrderAmbiguous = "order_ambiguous";
    public const string ClockDrift = "clock_drift";
    public const string SecretsRotation = "secrets_rotation";
}
