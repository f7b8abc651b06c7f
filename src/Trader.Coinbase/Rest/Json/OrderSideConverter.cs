using System.Text.Json;
using System.Text.Json.Serialization;
using Trader.Domain.Trading;

namespace Trader.Coinbase.Rest.Json;

/// <summary><see cref="OrderSide"/> as the wire's <c>"BUY"</c> / <c>"SELL"</c> (read case-insensitively).</summary>
internal sealed class OrderSideConverter : JsonConverter<OrderSide>
{
    public override OrderSide Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        if (string.Equals(text, "BUY", StringComparison.OrdinalIgnoreCase)) return OrderSide.Buy;
        if (string.Equals(text, "SELL", StringComparison.OrdinalIgnoreCase)) return OrderSide.Sell;
        throw new JsonException($"unknown order side '{text}'");
    }

    public override void Write(Utf8JsonWriter writer, OrderSide value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value == OrderSide.Buy ? "BUY" : "SELL");
}
