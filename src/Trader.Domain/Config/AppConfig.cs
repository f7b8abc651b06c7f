using Trader.Domain.Trading;

namespace Trader.Domain.Config;

/// <summary>config/app.yaml (config-reference.md). Defaults are the spec's.</summary>
public sealed record AppConfig
{
    public AppSection App { get; init; } = new();
    public ExchangeSection Exchange { get; init; } = new();
    public SecretsSection Secrets { get; init; } = new();
    public LoopSection Loop { get; init; } = new();
    public LoggingSection Logging { get; init; } = new();
    public StateSection State { get; init; } = new();
    public MonitoringSection Monitoring { get; init; } = new();
    public ClockSection Clock { get; init; } = new();
}

public sealed record AppSection
{
    public string Name { get; init; } = "trader";
    public TradingMode Mode { get; init; } = TradingMode.DryRun;
}

public sealed record ExchangeSection
{
    public string Name { get; init; } = "coinbase";
    public bool ReadOnly { get; init; } = true;
    public string RestUrl { get; init; } = "https://api.coinbase.com";
    public string WsUrl { get; init; } = "wss://advanced-trade-ws.coinbase.com";
    public string WsUserUrl { get; init; } = "wss://advanced-trade-ws-user.coinbase.com";
}

public sealed record SecretsSection
{
    public string KeyNameEnv { get; init; } = "COINBASE_API_KEY_NAME";
    public string PrivateKeyEnv { get; init; } = "COINBASE_API_PRIVATE_KEY";
    public string PrivateKeyFileEnv { get; init; } = "COINBASE_API_PRIVATE_KEY_FILE";
    public DateOnly? RotatedOn { get; init; }
    public int MaxAgeDays { get; init; } = 90;
}

public sealed record LoopSection
{
    public decimal IntervalSeconds { get; init; } = 60m;
    public decimal JitterPct { get; init; } = 10m;
    public int? Seed { get; init; }
}

public sealed record LoggingSection
{
    public string Level { get; init; } = "INFO";
    public string Format { get; init; } = "json";
    public string Dir { get; init; } = "logs";
    public bool Rotate { get; init; } = true;
    public long MaxBytes { get; init; } = 10_485_760;
    public int BackupCount { get; init; } = 5;
}

public sealed record StateSection
{
    public string Store { get; init; } = "sqlite";
    public string Path { get; init; } = "state.db";
    public int RetentionDays { get; init; } = 90;
}

public sealed record MonitoringSection
{
    public bool MetricsEnabled { get; init; } = true;
    public int PrometheusPort { get; init; } = 9464;
    public bool AlertsEnabled { get; init; } = true;
    public AlertsSection Alerts { get; init; } = new();
}

public sealed record AlertsSection
{
    public string WebhookEnv { get; init; } = "ALERT_WEBHOOK_URL";
    public string EscalationWebhookEnv { get; init; } = "ESCALATION_WEBHOOK_URL";
    public string MinSeverity { get; init; } = "warning";
    public decimal TimeoutSeconds { get; init; } = 5m;
    public decimal DedupeSeconds { get; init; } = 60m;
    public decimal EscalationSeconds { get; init; } = 120m;
}

public sealed record ClockSection
{
    public IReadOnlyList<string> NtpServers { get; init; } = ["time.google.com", "pool.ntp.org"];
    public int MaxDriftMs { get; init; } = 100;
}
