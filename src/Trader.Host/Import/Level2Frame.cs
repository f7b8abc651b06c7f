using System.Text.Json;

namespace Trader.Host.Import;

/// <summary>An <c>l2_data</c> frame with one snapshot or update event of one product.</summary>
public sealed class Level2Frame(long recvMs, bool snapshot, string productId, IReadOnlyList<BookUpdate> updates) : CaptureFrame(recvMs, "l2_data")
{
    public override void WriteEvents(Utf8JsonWriter json)
    {
        json.WriteStartArray();
        json.WriteStartObject();
        json.WriteString("type", snapshot ? "snapshot" : "update");
        json.WriteString("product_id", productId);
        json.WriteStartArray("updates");
        foreach (var update in updates)
        {
            json.WriteStartObject();
            json.WriteString("side", update.Side);
            json.WriteString("event_time", WireText.Rfc3339(update.EventTime));
            json.WriteString("price_level", update.PriceLevel);
            json.WriteString("new_quantity", update.NewQuantity);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndArray();
    }
}
