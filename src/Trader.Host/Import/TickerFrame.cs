using System.Text.Json;

namespace Trader.Host.Import;

/// <summary>A <c>ticker</c> frame with one ticker (wire-format.md §1.4: every field, numbers as strings).</summary>
public sealed class TickerFrame(long recvMs, bool snapshot, TickerFields ticker) : CaptureFrame(recvMs, "ticker")
{
    public TickerFields Ticker { get; } = ticker;

    public override void WriteEvents(Utf8JsonWriter json)
    {
        json.WriteStartArray();
        json.WriteStartObject();
        json.WriteString("type", snapshot ? "snapshot" : "update");
        json.WriteStartArray("tickers");
        json.WriteStartObject();
        json.WriteString("type", "ticker");
        json.WriteString("product_id", Ticker.ProductId);
        json.WriteString("price", WireText.Number(Ticker.Price));
        json.WriteString("volume_24_h", WireText.Number(Ticker.Volume24h));
        json.WriteString("low_24_h", WireText.Number(Ticker.Low24h));
        json.WriteString("high_24_h", WireText.Number(Ticker.High24h));
        json.WriteString("low_52_w", WireText.Number(Ticker.Low52w));
        json.WriteString("high_52_w", WireText.Number(Ticker.High52w));
        json.WriteString("price_percent_chg_24_h", WireText.Number(Ticker.PricePercentChange24h));
        json.WriteString("best_bid", WireText.Number(Ticker.BestBid));
        json.WriteString("best_bid_quantity", WireText.Number(Ticker.BestBidQuantity));
        json.WriteString("best_ask", WireText.Number(Ticker.BestAsk));
        json.WriteString("best_ask_quantity", WireText.Number(Ticker.BestAskQuantity));
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndArray();
    }
}
