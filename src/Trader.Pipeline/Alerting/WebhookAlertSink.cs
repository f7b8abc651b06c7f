using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Trader.Pipeline.Alerts;

namespace Trader.Pipeline.Alerting;

/// <summary>
/// Posts the Slack-compatible body of CONTRACTS.md §7 to a webhook URL (taken from the environment variable named
/// in config, never logged). <paramref name="escalationOnly"/> makes it the escalation route.
/// </summary>
public sealed class WebhookAlertSink : IAlertSink
{
    private readonly HttpClient _http;
    private readonly Uri _url;
    private readonly AlertSeverity _minSeverity;
    private readonly bool _escalationOnly;
    private readonly TimeSpan _timeout;
    private readonly TimeProvider _time;

    public WebhookAlertSink(string name, HttpClient http, Uri url, AlertSeverity minSeverity, bool escalationOnly, TimeSpan timeout, TimeProvider time)
    {
        Name = name;
        _http = http;
        _url = url;
        _minSeverity = minSeverity;
        _escalationOnly = escalationOnly;
        _timeout = timeout;
        _time = time;
    }

    public string Name { get; }

    public bool Accepts(AlertNotification notification) =>
        (!_escalationOnly || notification.Escalated) && (notification.Severity >= _minSeverity || notification.Resolved);

    public async Task<bool> DeliverAsync(AlertNotification notification, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(_timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        using var content = new ByteArrayContent(Body(notification));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        try
        {
            using var response = await _http.PostAsync(_url, content, linked.Token).ConfigureAwait(false);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>The webhook body: <c>text</c> for people (Slack shows it), the rest for machines.</summary>
    public static byte[] Body(AlertNotification n)
    {
        var severity = AlertNotification.SeverityName(n.Severity);
        var prefix = n.Resolved ? "[RESOLVED] " : n.Escalated ? "[ESCALATED] " : "";
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            json.WriteString("text", $"{prefix}[{severity.ToUpperInvariant()}] {n.Kind}: {n.Message}");
            json.WriteString("kind", n.Kind);
            json.WriteString("severity", severity);
            json.WriteString("ts", n.Ts.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture));
            if (n.ProductId is null) json.WriteNull("product_id");
            else json.WriteString("product_id", n.ProductId);
            json.WriteString("dedupe_key", n.DedupeKey);
            json.WriteBoolean("escalated", n.Escalated);
            json.WriteBoolean("resolved", n.Resolved);
            json.WriteEndObject();
        }
        return stream.ToArray();
    }

    public override string ToString() => $"webhook {Name}";
}
