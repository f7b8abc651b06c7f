using System.Text.Json;
using System.Text.Json.Serialization;

namespace Trader.Coinbase.Rest.Json;

/// <summary>Money and sizes arrive as strings (<c>"0.001"</c>); numbers are tolerated. Written back as strings.</summary>
internal sealed class DecimalStringConverter : JsonConverter<decimal>
{
    public override decimal Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Number) return reader.GetDecimal();
        if (reader.TokenType == JsonTokenType.String && WireDecimal.TryParse(reader.GetString(), out var value)) return value;
        throw new JsonException($"expected a decimal string, got {reader.TokenType}");
    }

    public override void Write(Utf8JsonWriter writer, decimal value, JsonSerializerOptions options) =>
        writer.WriteStringValue(WireDecimal.Format(value));
}
