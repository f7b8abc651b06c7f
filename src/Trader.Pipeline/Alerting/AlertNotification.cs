using Trader.Pipeline.Alerts;

namespace Trader.Pipeline.Alerting;

/// <summary>
/// One alert as delivered to the sinks (CONTRACTS.md §7): a first raise, an escalation (<see cref="Escalated"/>,
/// one severity higher) or a resolution (<see cref="Resolved"/>). <see cref="Id"/> is unique within a process run
/// and is what sinks acknowledge delivery of.
/// </summary>
public sealed record AlertNotification(
    string Id,
    string Kind,
    AlertSeverity Severity,
    string? ProductId,
    string Message,
    DateTimeOffset Ts,
    string DedupeKey,
    bool Escalated,
    bool Resolved)
{
    public static string SeverityName(AlertSeverity severity) => severity switch
    {
        AlertSeverity.Info => "info",
        AlertSeverity.Warning => "warning",
        _ => "critical",
    };
}
