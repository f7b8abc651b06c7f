using System.Buffers;
using System.Buffers.Text;
using System.IO.Compression;
using System.Text;

namespace Trader.Coinbase.Capture;

/// <summary>
/// Writes a capture file (CONTRACTS.md §8): one received frame per line, <c>&lt;recv_unix_ms&gt;\t&lt;frame&gt;</c>,
/// <c>#</c> comment lines, gzip when the path ends in <c>.gz</c>. The frame's bytes are written as received; a raw
/// CR or LF in a frame (only possible as JSON whitespace, e.g. a pretty-printed frame) becomes a space so the
/// frame stays on one line with the same meaning. Not thread-safe.
/// </summary>
public sealed class CaptureWriter : IDisposable
{
    private readonly Stream _output;
    private readonly bool _leaveOpen;
    private readonly byte[] _number = new byte[24];
    private bool _disposed;

    public CaptureWriter(Stream output, bool leaveOpen = false)
    {
        _output = output;
        _leaveOpen = leaveOpen;
    }

    /// <summary>Creates (or truncates) the file; <c>.gz</c> means gzip.</summary>
    public static CaptureWriter Create(string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
        Stream stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 16);
        if (IsGzipPath(path))
            stream = new BufferedStream(new GZipStream(stream, CompressionLevel.Fastest), 1 << 16);
        return new CaptureWriter(stream);
    }

    public static bool IsGzipPath(string path) => path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase);

    public long FramesWritten { get; private set; }

    public void WriteComment(string text)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var oneLine = text.Replace('\r', ' ').Replace('\n', ' ');
        _output.WriteByte((byte)'#');
        if (oneLine.Length > 0 && oneLine[0] != ' ') _output.WriteByte((byte)' ');
        _output.Write(Encoding.UTF8.GetBytes(oneLine));
        _output.WriteByte((byte)'\n');
    }

    public void WriteFrame(DateTimeOffset tsRecv, ReadOnlySpan<byte> frame) => WriteFrame(tsRecv.ToUnixTimeMilliseconds(), frame);

    public void WriteFrame(long recvUnixMs, ReadOnlySpan<byte> frame)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentOutOfRangeException.ThrowIfNegative(recvUnixMs);
        Utf8Formatter.TryFormat(recvUnixMs, _number, out var n);
        _output.Write(_number, 0, n);
        _output.WriteByte((byte)'\t');

        if (frame.IndexOfAny((byte)'\r', (byte)'\n') < 0)
        {
            _output.Write(frame);
        }
        else
        {
            var copy = ArrayPool<byte>.Shared.Rent(frame.Length);
            try
            {
                var span = copy.AsSpan(0, frame.Length);
                frame.CopyTo(span);
                span.Replace((byte)'\r', (byte)' ');
                span.Replace((byte)'\n', (byte)' ');
                _output.Write(span);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(copy);
            }
        }
        _output.WriteByte((byte)'\n');
        FramesWritten++;
    }

    public void Flush() => _output.Flush();

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _output.Flush();
        if (!_leaveOpen) _output.Dispose();
    }
}
