using Serilog;
using Trader.Pipeline.Alerting;
using Trader.Pipeline.Alerts;

namespace Trader.Host.Runtime;

/// <summary>Alerts to the structured log (always on; every severity).</summary>
public sealed class LogAlertSink(ILogger log) : IAlertSink
{
    public string Name => "log";

    public bool Accepts(AlertNotification notification) => true;

    public Task<bool> DeliverAsync(AlertNotification n, CancellationToken cancellationToken)
    {
        var level = n.Severity switch
        {
            AlertSeverity.Info => Serilog.Events.LogEventLevel.Information,
            AlertSeverity.Warning => Serilog.Events.LogEventLevel.Warning,
            _ => Serilog.Events.LogEventLevel.Error,
        };
        log.ForContext("product_id", n.ProductId)
            .Write(level, "ALERT {AlertKind} {AlertSeverity}{Escalated}{Resolved}: {AlertMessage} (dedupe {DedupeKey})",
                n.Kind, AlertNotification.SeverityName(n.Severity), n.Escalated ? " escalated" : "", n.Resolved ? " resolved" : "", n.Message, n.DedupeKey);
        return Task.FromResult(true);
    }
}
