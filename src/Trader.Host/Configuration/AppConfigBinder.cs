using Trader.Domain.Config;
using Trader.Host.Modes;

namespace Trader.Host.Configuration;

/// <summary>app.yaml: its schema (one line per key, with its rule) and its binding to <see cref="AppConfig"/>.</summary>
internal static class AppConfigBinder
{
    public static AppConfig Bind(YamlSection root)
    {
        var d = new AppConfig();

        var app = root.Section("app");
        var appSection = new AppSection
        {
            Name = app.String("name", d.App.Name, Must.NotEmpty),
            Mode = ModeNames.FromConfig(app.OneOf("mode", ModeNames.ToConfig(d.App.Mode), ModeNames.ConfigNames)),
        };

        var exchange = root.Section("exchange");
        var exchangeSection = new ExchangeSection
        {
            Name = exchange.OneOf("name", d.Exchange.Name, "coinbase"),
            ReadOnly = exchange.Bool("read_only", d.Exchange.ReadOnly),
            RestUrl = exchange.String("rest_url", d.Exchange.RestUrl, Must.Url("https", "http")),
            WsUrl = exchange.String("ws_url", d.Exchange.WsUrl, Must.Url("wss", "ws")),
            WsUserUrl = exchange.String("ws_user_url", d.Exchange.WsUserUrl, Must.Url("wss", "ws")),
        };

        var secrets = root.Section("secrets");
        var secretsSection = new SecretsSection
        {
            KeyNameEnv = secrets.String("key_name_env", d.Secrets.KeyNameEnv, Must.EnvVarName),
            PrivateKeyEnv = secrets.String("private_key_env", d.Secrets.PrivateKeyEnv, Must.EnvVarName),
            PrivateKeyFileEnv = secrets.String("private_key_file_env", d.Secrets.PrivateKeyFileEnv, Must.EnvVarName),
            RotatedOn = secrets.NullableDate("rotated_on"),
            MaxAgeDays = secrets.Int("max_age_days", d.Secrets.MaxAgeDays, Must.WholeBetween(1, 90, "REQ-SEC2: rotate at least every 90 days")),
        };

        var loop = root.Section("loop");
        var loopSection = new LoopSection
        {
            IntervalSeconds = loop.Decimal("interval_seconds", d.Loop.IntervalSeconds, Must.Positive),
            JitterPct = loop.Decimal("jitter_pct", d.Loop.JitterPct, Must.PercentOrZero),
            Seed = loop.NullableInt("seed"),
        };

        var logging = root.Section("logging");
        var loggingSection = new LoggingSection
        {
            Level = logging.OneOf("level", d.Logging.Level, "TRACE", "DEBUG", "INFO", "WARNING", "ERROR"),
            Format = logging.OneOf("format", d.Logging.Format, "json", "text"),
            Dir = logging.String("dir", d.Logging.Dir, Must.NotEmpty),
            Rotate = logging.Bool("rotate", d.Logging.Rotate),
            MaxBytes = logging.Long("max_bytes", d.Logging.MaxBytes, Must.PositiveWhole),
            BackupCount = logging.Int("backup_count", d.Logging.BackupCount, Must.NonNegativeWhole),
        };

        var state = root.Section("state");
        var stateSection = new StateSection
        {
            Store = state.OneOf("store", d.State.Store, "sqlite"),
            Path = state.String("path", d.State.Path, Must.NotEmpty),
            RetentionDays = state.Int("retention_days", d.State.RetentionDays, Must.PositiveWhole),
        };

        var monitoring = root.Section("monitoring");
        var alerts = monitoring.Section("alerts");
        var monitoringSection = new MonitoringSection
        {
            MetricsEnabled = monitoring.Bool("metrics_enabled", d.Monitoring.MetricsEnabled),
            PrometheusPort = monitoring.Int("prometheus_port", d.Monitoring.PrometheusPort, Must.Port),
            AlertsEnabled = monitoring.Bool("alerts_enabled", d.Monitoring.AlertsEnabled),
            Alerts = new AlertsSection
            {
                WebhookEnv = alerts.String("webhook_env", d.Monitoring.Alerts.WebhookEnv, Must.EnvVarName),
                EscalationWebhookEnv = alerts.String("escalation_webhook_env", d.Monitoring.Alerts.EscalationWebhookEnv, Must.EnvVarName),
                MinSeverity = alerts.OneOf("min_severity", d.Monitoring.Alerts.MinSeverity, "info", "warning", "critical"),
                TimeoutSeconds = alerts.Decimal("timeout_seconds", d.Monitoring.Alerts.TimeoutSeconds, Must.Positive),
                DedupeSeconds = alerts.Decimal("dedupe_seconds", d.Monitoring.Alerts.DedupeSeconds, Must.NonNegative),
                EscalationSeconds = alerts.Decimal("escalation_seconds", d.Monitoring.Alerts.EscalationSeconds, Must.Positive),
            },
        };

        var clock = root.Section("clock");
        var ntpServers = clock.StringList("ntp_servers", d.Clock.NtpServers, Must.HostAndPort);
        if (ntpServers.Count == 0)
            clock.Error(clock.Child("ntp_servers"), "at least one NTP server is required (REQ-TIME1)", clock.Find("ntp_servers"));
        var clockSection = new ClockSection
        {
            NtpServers = ntpServers.Count == 0 ? d.Clock.NtpServers : ntpServers,
            MaxDriftMs = clock.Int("max_drift_ms", d.Clock.MaxDriftMs, Must.WholeBetween(1, 100, "REQ-TIME1: drift < 100 ms")),
        };

        return new AppConfig
        {
            App = appSection,
            Exchange = exchangeSection,
            Secrets = secretsSection,
            Loop = loopSection,
            Logging = loggingSection,
            State = stateSection,
            Monitoring = monitoringSection,
            Clock = clockSection,
        };
    }
}
