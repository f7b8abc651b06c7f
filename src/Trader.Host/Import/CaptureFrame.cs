using System.Text.Json;

namespace Trader.Host.Import;

/// <summary>
/// One Advanced Trade frame to write into a capture: its receive time and its channel's <c>events</c>. The
/// envelope (<c>channel</c>, <c>timestamp</c>, <c>sequence_num</c>) is written by <see cref="CaptureFileWriter"/>,
/// which numbers frames with one counter across the whole capture.
/// </summary>
public abstract class CaptureFrame(long recvMs, string channel)
{
    public long RecvMs { get; } = recvMs;

    public string Channel { get; } = channel;

    /// <summary>Writes the value of <c>events</c> (a JSON array).</summary>
    public abstract void WriteEvents(Utf8JsonWriter json);
}
