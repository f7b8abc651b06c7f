using System.Text.Json;

namespace Trader.Host.Import;

/// <summary>A <c>market_trades</c> frame with one event of one or more trades.</summary>
public sealed class MarketTradesFrame(long recvMs, bool snapshot, IReadOnlyList<TradeFields> trades) : CaptureFrame(recvMs, "market_trades")
{
    public IReadOnlyList<TradeFields> Trades { get; } = trades;

    public override void WriteEvents(Utf8JsonWriter json)
    {
        json.WriteStartArray();
        json.WriteStartObject();
        json.WriteString("type", snapshot ? "snapshot" : "update");
        json.WriteStartArray("trades");
        foreach (var trade in Trades)
        {
            json.WriteStartObject();
            json.WriteString("product_id", trade.ProductId);
            json.WriteString("trade_id", trade.TradeId);
            json.WriteString("price", WireText.Number(trade.Price));
            json.WriteString("size", WireText.Number(trade.Size));
            json.WriteString("time", WireText.Rfc3339(trade.Time));
            json.WriteString("side", trade.MakerSide);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndArray();
    }
}
