using System.Buffers;
using System.IO.Compression;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Trader.Host.Import;

/// <summary>
/// Writes a capture (CONTRACTS.md §8): <c>#</c> comment lines, then one frame per line as
/// <c>&lt;recv_unix_ms&gt;\t&lt;frame JSON&gt;</c>, gzip when the path ends in .gz. Frames get
/// <c>sequence_num</c> from one counter across the whole capture, starting at 0, and no <c>client_id</c>
/// (production market-data frames have none).
/// </summary>
public sealed class CaptureFileWriter : IDisposable
{
    private static readonly byte[] Newline = "\n"u8.ToArray();

    private readonly Stream _file;
    private readonly Stream _stream;
    private readonly ArrayBufferWriter<byte> _buffer = new(4096);
    private readonly Utf8JsonWriter _json;
    private long _sequence;

    public CaptureFileWriter(string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
        _file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        _stream = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)
            ? new GZipStream(_file, CompressionLevel.SmallestSize)
            : _file;
        _json = new Utf8JsonWriter(_buffer, new JsonWriterOptions
        {
            Indented = false,
            // Coinbase writes '+' and '/' literally (heartbeat "+0000 UTC m=+…", display_name "BTC/USD").
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        });
    }

    public long FramesWritten => _sequence;

    public void Comment(string text)
    {
        foreach (var line in text.Split('\n'))
            _stream.Write(Encoding.UTF8.GetBytes("# " + line.TrimEnd('\r') + "\n"));
    }

    public void Write(CaptureFrame frame)
    {
        _buffer.ResetWrittenCount();
        _json.Reset(_buffer);
        _json.WriteStartObject();
        _json.WriteString("channel", frame.Channel);
        _json.WriteString("timestamp", WireText.Rfc3339(WireText.FromUnixMs(frame.RecvMs)));
        _json.WriteNumber("sequence_num", _sequence++);
        _json.WritePropertyName("events");
        frame.WriteEvents(_json);
        _json.WriteEndObject();
        _json.Flush();

        _stream.Write(Encoding.ASCII.GetBytes(frame.RecvMs.ToString(System.Globalization.CultureInfo.InvariantCulture) + "\t"));
        _stream.Write(_buffer.WrittenSpan);
        _stream.Write(Newline);
    }

    public void Dispose()
    {
        _json.Dispose();
        _stream.Dispose();
        if (!ReferenceEquals(_stream, _file)) _file.Dispose();
    }
}
