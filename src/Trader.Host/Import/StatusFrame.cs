using System.Text.Json;

namespace Trader.Host.Import;

/// <summary>A <c>status</c> snapshot listing every product of the capture as online, with its increments.</summary>
public sealed class StatusFrame(long recvMs, IReadOnlyList<ImportedProduct> products) : CaptureFrame(recvMs, "status")
{
    public override void WriteEvents(Utf8JsonWriter json)
    {
        json.WriteStartArray();
        json.WriteStartObject();
        json.WriteString("type", "snapshot");
        json.WriteStartArray("products");
        foreach (var product in products)
        {
            json.WriteStartObject();
            json.WriteString("product_type", "SPOT");
            json.WriteString("id", product.ProductId);
            json.WriteString("base_currency", product.BaseCurrency);
            json.WriteString("quote_currency", product.QuoteCurrency);
            json.WriteString("base_increment", WireText.Number(product.BaseIncrement));
            json.WriteString("quote_increment", WireText.Number(product.QuoteIncrement));
            json.WriteString("display_name", $"{product.BaseCurrency}/{product.QuoteCurrency}");
            json.WriteString("status", "online");
            json.WriteString("status_message", "");
            json.WriteString("min_market_funds", "1");
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndArray();
    }
}
