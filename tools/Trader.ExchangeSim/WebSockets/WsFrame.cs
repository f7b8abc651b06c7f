using System.Globalization;
using System.Text;
using Trader.ExchangeSim.Formatting;

namespace Trader.ExchangeSim.WebSockets;

/// <summary>A server frame waiting for its connection's <c>sequence_num</c>; <see cref="EventsJson"/> is the
/// already serialized <c>events</c> array, shared by every connection that gets the frame.</summary>
internal sealed record WsFrame(string Channel, DateTimeOffset Time, string EventsJson)
{
    /// <summary>The envelope (wire-format.md §1.3): no <c>client_id</c> on the market endpoint, <c>""</c> on the user endpoint.</summary>
    public string Render(long sequence, bool withClientId)
    {
        var text = new StringBuilder(EventsJson.Length + 128);
        text.Append("{\"channel\":\"").Append(Channel).Append('"');
        if (withClientId) text.Append(",\"client_id\":\"\"");
        text.Append(",\"timestamp\":\"").Append(Wire.Time(Time)).Append('"');
        text.Append(",\"sequence_num\":").Append(sequence.ToString(CultureInfo.InvariantCulture));
        text.Append(",\"events\":").Append(EventsJson).Append('}');
        return text.ToString();
    }
}
