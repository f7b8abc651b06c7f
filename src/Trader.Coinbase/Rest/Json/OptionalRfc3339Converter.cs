using System.Text.Json;
using System.Text.Json.Serialization;

namespace Trader.Coinbase.Rest.Json;

/// <summary><see cref="Rfc3339Converter"/> where <c>""</c> and <c>null</c> mean "not set".</summary>
internal sealed class OptionalRfc3339Converter : JsonConverter<DateTimeOffset?>
{
    public override bool HandleNull => true;

    public override DateTimeOffset? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType switch
        {
            JsonTokenType.Null => null,
            JsonTokenType.String => Rfc3339Converter.Parse(reader.GetString()),
            _ => throw new JsonException("expected an RFC 3339 timestamp"),
        };

    public override void Write(Utf8JsonWriter writer, DateTimeOffset? value, JsonSerializerOptions options)
    {
        if (value is { } v) writer.WriteStringValue(Rfc3339Converter.Format(v));
        else writer.WriteNullValue();
    }
}
