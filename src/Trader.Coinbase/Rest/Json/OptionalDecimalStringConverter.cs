using System.Text.Json;
using System.Text.Json.Serialization;

namespace Trader.Coinbase.Rest.Json;

/// <summary>Like <see cref="DecimalStringConverter"/>, but Coinbase's "absent" forms (<c>""</c>, <c>null</c>) read as null.</summary>
internal sealed class OptionalDecimalStringConverter : JsonConverter<decimal?>
{
    public override bool HandleNull => true;

    public override decimal? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.Number:
                return reader.GetDecimal();
            case JsonTokenType.String:
                var text = reader.GetString();
                if (string.IsNullOrWhiteSpace(text)) return null;
                if (WireDecimal.TryParse(text, out var value)) return value;
                throw new JsonException($"'{text}' is not a decimal");
            default:
                throw new JsonException($"expected a decimal string, got {reader.TokenType}");
        }
    }

    public override void Write(Utf8JsonWriter writer, decimal? value, JsonSerializerOptions options)
    {
        if (value is { } v) writer.WriteStringValue(WireDecimal.Format(v));
        else writer.WriteNullValue();
    }
}
