using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Trader.ExchangeSim.Formatting;

/// <summary>How values look on the Advanced Trade wire (wire-format.md §1.3, §2.1): numbers as strings, RFC 3339
/// times with trimmed fractions, Go-style heartbeat times.</summary>
internal static class Wire
{
    public static readonly JsonSerializerOptions Json = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = false,
    };

    public static string Num(decimal value) =>
        value.ToString("0.############################", CultureInfo.InvariantCulture);

    /// <summary>RFC 3339 UTC with a variable number of fractional digits (trailing zeros trimmed).</summary>
    public static string Time(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    /// <summary>Go's <c>time.Time.String()</c> with the monotonic suffix, as in heartbeat <c>current_time</c>.</summary>
    public static string GoTime(DateTimeOffset value, TimeSpan monotonic) =>
        value.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture).TrimEnd('.')
        + " +0000 UTC m=+" + monotonic.TotalSeconds.ToString("0.000000000", CultureInfo.InvariantCulture);

    public static string UnixSeconds(DateTimeOffset value) =>
        value.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    public static bool TryDecimal(string? text, out decimal value) =>
        decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out value);

    public static string ToText(this JsonNode node) => node.ToJsonString(Json);

    public static JsonArray Array(IEnumerable<JsonNode?> items)
    {
        var array = new JsonArray();
        foreach (var item in items) array.Add(item);
        return array;
    }

    public static JsonArray Strings(IEnumerable<string> items)
    {
        var array = new JsonArray();
        foreach (var item in items) array.Add(JsonValue.Create(item));
        return array;
    }

    /// <summary>True when <paramref name="value"/> is a whole multiple of <paramref name="increment"/>.</summary>
    public static bool IsMultipleOf(decimal value, decimal increment) => increment <= 0 || value % increment == 0;

    public static decimal FloorTo(decimal value, decimal increment) =>
        increment <= 0 ? value : Math.Floor(value / increment) * increment;
}
