using Serilog;
using Trader.Domain.Config;
using Trader.Pipeline.Alerting;
using Trader.Pipeline.Alerts;
using Trader.State.Storage;

namespace Trader.Host.Runtime;

/// <summary>Builds the alert manager from monitoring.alerts: log sink always, webhooks when their env vars name a URL.</summary>
public static class AlertSetup
{
    public static AlertManager Create(MonitoringSection monitoring, Func<string, string?> environment, Pipeline.Clock.TraderClock clock,
        StateStore store, HttpClient http, ILogger log)
    {
        var alerts = monitoring.Alerts;
        var minSeverity = alerts.MinSeverity switch
        {
            "info" => AlertSeverity.Info,
            "critical" => AlertSeverity.Critical,
            _ => AlertSeverity.Warning,
        };
        var timeout = TimeSpan.FromSeconds((double)alerts.TimeoutSeconds);
        var sinks = new List<IAlertSink> { new LogAlertSink(log) };
        if (monitoring.AlertsEnabled)
        {
            AddWebhook(sinks, "webhook", environment(alerts.WebhookEnv), escalationOnly: false);
            AddWebhook(sinks, "escalation", environment(alerts.EscalationWebhookEnv), escalationOnly: true);
        }
        var policy = AlertPolicy.Default with
        {
            Dedupe = TimeSpan.FromSeconds((double)alerts.DedupeSeconds),
            Escalation = TimeSpan.FromSeconds((double)alerts.EscalationSeconds),
            MinSeverity = minSeverity,
        };
        return new AlertManager(clock.Scheduler, clock.Time, policy, sinks, new StateAlertJournal(store.Alerts, TimeSpan.FromDays(1), clock.Time));

        void AddWebhook(List<IAlertSink> list, string name, string? url, bool escalationOnly)
        {
            if (string.IsNullOrWhiteSpace(url)) return;
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            {
                log.Warning("alert {Sink} URL from the environment is not an http(s) URL; that sink is off", name);
                return;
            }
            list.Add(new WebhookAlertSink(name, http, uri, minSeverity, escalationOnly, timeout, clock.Time));
        }
    }
}
