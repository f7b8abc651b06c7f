using Trader.Host.Modes;

namespace Trader.Host.Gates;

/// <summary>
/// The alerts gate (spec §6.4 "alerts wired", REQ-AL1): <c>monitoring.alerts_enabled</c> and the environment variable
/// named by <c>monitoring.alerts.webhook_env</c> holds an http(s) URL, so alerts reach a person and not only the log.
/// </summary>
public sealed class AlertsGate(GateEvidence evidence) : GoLiveGate
{
    public override string Name => "alerts";

    public override GateVerdict Evaluate(LiveRequest request)
    {
        var monitoring = request.Config.App.Monitoring;
        if (!monitoring.AlertsEnabled)
            return GateVerdict.Fail("monitoring.alerts_enabled is false: alerts go to the log only", "set monitoring.alerts_enabled: true in app.yaml");
        var name = monitoring.Alerts.WebhookEnv;
        var url = evidence.Environment(name);
        if (string.IsNullOrWhiteSpace(url))
            return GateVerdict.Fail($"{name} is not set: alerts go to the log only", $"set {name} to your (Slack-compatible) alert webhook URL");
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            return GateVerdict.Fail($"{name} is not an http(s) URL", $"set {name} to your (Slack-compatible) alert webhook URL");
        return GateVerdict.Pass($"alerts go to the webhook in {name}");
    }
}
