using Trader.Pipeline.Alerts;

namespace Trader.Pipeline.Alerting;

/// <summary>Timing of alert handling (REQ-AL1; monitoring.alerts in app.yaml).</summary>
public sealed record AlertPolicy(TimeSpan Dedupe, TimeSpan Escalation, AlertSeverity MinSeverity, TimeSpan RetryBase, TimeSpan RetryCap)
{
    public static AlertPolicy Default { get; } = new(
        TimeSpan.FromSeconds(60), TimeSpan.FromMinutes(2), AlertSeverity.Warning, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30));
}
