using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Trader.Domain.Config;

namespace Trader.Host.Tests.Configuration;

/// <summary>A configuration as JSON with decimals written without trailing zeros, so 10.0 from YAML equals the record default 10.</summary>
internal static class ConfigJson
{
    private static readonly JsonSerializerOptions Options = new() { Converters = { new NormalizedDecimal() } };

    public static string Of(TraderConfig config) => JsonSerializer.Serialize(config, Options);

    private sealed class NormalizedDecimal : JsonConverter<decimal>
    {
        public override decimal Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetDecimal();

        public override void Write(Utf8JsonWriter writer, decimal value, JsonSerializerOptions options) =>
            writer.WriteRawValue(value.ToString("0.############################", CultureInfo.InvariantCulture));
    }
}
