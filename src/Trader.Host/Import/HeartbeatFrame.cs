using System.Text.Json;

namespace Trader.Host.Import;

/// <summary>A <c>heartbeats</c> frame; the counter is an integer as production sends it (wire-format.md §1.3).</summary>
public sealed class HeartbeatFrame(long recvMs, long counter, TimeSpan sinceStart) : CaptureFrame(recvMs, "heartbeats")
{
    public override void WriteEvents(Utf8JsonWriter json)
    {
        json.WriteStartArray();
        json.WriteStartObject();
        json.WriteString("current_time", WireText.GoTime(WireText.FromUnixMs(RecvMs), sinceStart));
        json.WriteNumber("heartbeat_counter", counter);
        json.WriteEndObject();
        json.WriteEndArray();
    }
}
