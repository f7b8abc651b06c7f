using System.Text;
using System.Text.Json;

namespace Trader.Coinbase.Rest;

/// <summary>
/// Turns a non-2xx answer into a <see cref="RestFailure"/> (wire-format.md §2.11): 400 → InvalidArgument
/// (or NotFound for "order with this orderID was not found"), 401, 403, 404, 429 (empty or JSON body), 5xx.
/// Reads <c>{"error","error_details","message"}</c>, the v2 <c>{"errors":[{"id","message"}]}</c> and plain text.
/// </summary>
internal static class RestErrorClassifier
{
    public static RestFailure Classify(string endpoint, int status, ReadOnlySpan<byte> body, string? token)
    {
        var (code, text) = ReadBody(body);
        var kind = status switch
        {
            401 => RestFailureKind.Unauthorized,
            403 => RestFailureKind.Forbidden,
            404 => RestFailureKind.NotFound,
            429 => RestFailureKind.RateLimited,
            >= 500 and <= 599 => RestFailureKind.ServerError,
            >= 400 and <= 499 when SaysNotFound(text) => RestFailureKind.NotFound,
            >= 400 and <= 499 => RestFailureKind.InvalidArgument,
            _ => RestFailureKind.InvalidResponse,
        };
        if (string.IsNullOrWhiteSpace(text)) text = DefaultText(kind, status);
        return new RestFailure(endpoint, kind, status, code is null ? null : SecretScrubber.Scrub(code, token),
            SecretScrubber.Scrub(text, token), MayHaveReachedVenue: kind == RestFailureKind.ServerError);
    }

    private static bool SaysNotFound(string? text) =>
        text is not null && text.Contains("was not found", StringComparison.OrdinalIgnoreCase);

    private static string DefaultText(RestFailureKind kind, int status) => kind switch
    {
        RestFailureKind.RateLimited => "too many requests",
        RestFailureKind.ServerError => $"server error {status}",
        _ => $"HTTP {status}",
    };

    private static (string? Code, string? Text) ReadBody(ReadOnlySpan<byte> body)
    {
        if (body.IsEmpty) return (null, null);
        try
        {
            var reader = new Utf8JsonReader(body);
            using var doc = JsonDocument.ParseValue(ref reader);
            var root = doc.RootElement;
            if (root.ValueKind == JsonValueKind.Object)
            {
                if (root.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array && errors.GetArrayLength() > 0)
                {
                    var first = errors[0];
                    return (Str(first, "id"), Str(first, "message"));
                }
                var code = Str(root, "error");
                var details = Str(root, "error_details");
                var message = Str(root, "message");
                return (code, !string.IsNullOrWhiteSpace(details) ? details : message);
            }
        }
        catch (JsonException)
        {
            // not JSON: Coinbase answers 401 with the plain text "Unauthorized"
        }
        return (null, Encoding.UTF8.GetString(body.Length > 1024 ? body[..1024] : body));
    }

    private static string? Str(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var v) ? v.ValueKind switch
        {
            JsonValueKind.String => v.GetString(),
            JsonValueKind.Null or JsonValueKind.Undefined => null,
            _ => v.GetRawText(),
        } : null;
}
