using System.Buffers.Text;
using System.Collections.ObjectModel;
using System.IO.Compression;

namespace Trader.Coinbase.Capture;

/// <summary>
/// Streams a capture file (CONTRACTS.md §8) line by line in constant memory: one reusable buffer that grows
/// only to the longest line (at most <c>maxLineBytes</c>), gzip decoded on the fly. Comment (<c>#</c>) and blank
/// lines are skipped; a bad line is counted, reported through <see cref="BadLine"/> with a reason, skipped, and
/// reading goes on. A corrupt or truncated stream ends the read with one <see cref="CaptureLineReasons.CorruptStream"/>.
/// </summary>
public sealed class CaptureReader : IDisposable
{
    public const int DefaultMaxLineBytes = 32 * 1024 * 1024;
    private const long MaxUnixMs = 253_402_300_799_999L;

    private readonly Stream _input;
    private readonly bool _leaveOpen;
    private readonly int _maxLineBytes;
    private readonly Dictionary<string, long> _badByReason = new(StringComparer.Ordinal);
    private byte[] _buffer;
    private int _start;
    private int _end;
    private int _scanned;
    private bool _eof;
    private bool _discarding;

    public CaptureReader(Stream input, bool leaveOpen = false, int maxLineBytes = DefaultMaxLineBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLineBytes, 16);
        _input = input;
        _leaveOpen = leaveOpen;
        _maxLineBytes = maxLineBytes;
        _buffer = new byte[Math.Min(64 * 1024, maxLineBytes + 1)];
    }

    /// <summary>Opens a capture file; <c>.gz</c> means gzip.</summary>
    public static CaptureReader Open(string path, int maxLineBytes = DefaultMaxLineBytes)
    {
        Stream stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 16);
        if (CaptureWriter.IsGzipPath(path)) stream = new GZipStream(stream, CompressionMode.Decompress);
        return new CaptureReader(stream, leaveOpen: false, maxLineBytes);
    }

    /// <summary>Raised for every skipped bad line, in file order.</summary>
    public event Action<CaptureBadLine>? BadLine;

    /// <summary>Every line read, comments, blanks and bad lines included.</summary>
    public long LinesRead { get; private set; }

    public long FramesRead { get; private set; }

    public long CommentLines { get; private set; }

    public long BlankLines { get; private set; }

    public long BadLines { get; private set; }

    public IReadOnlyDictionary<string, long> BadLinesByReason => new ReadOnlyDictionary<string, long>(new Dictionary<string, long>(_badByReason));

    /// <summary>The current size of the line buffer (for tests and diagnostics).</summary>
    internal int BufferCapacity => _buffer.Length;

    /// <summary>The next frame; false at the end of the file. The frame's bytes are valid until the next call.</summary>
    public bool TryReadNext(out CaptureFrame frame)
    {
        while (TryReadLine(out var line))
        {
            LinesRead++;
            var span = line.Span;
            if (!span.IsEmpty && span[^1] == (byte)'\r') line = line[..^1];
            span = line.Span;

            if (span.IsEmpty || span.IndexOfAnyExcept((byte)' ', (byte)'\t') < 0)
            {
                BlankLines++;
                continue;
            }
            if (span[0] == (byte)'#')
            {
                CommentLines++;
                continue;
            }

            var tab = span.IndexOf((byte)'\t');
            if (tab < 0)
            {
                Bad(CaptureLineReasons.MissingTab, null);
                continue;
            }
            var ms = span[..tab];
            if (ms.IsEmpty || ms[0] is (byte)'-' or (byte)'+' || !Utf8Parser.TryParse(ms, out long recvMs, out var consumed)
                || consumed != ms.Length || recvMs > MaxUnixMs)
            {
                Bad(CaptureLineReasons.BadRecvMs, null);
                continue;
            }
            if (tab == span.Length - 1)
            {
                Bad(CaptureLineReasons.EmptyFrame, null);
                continue;
            }

            FramesRead++;
            frame = new CaptureFrame(recvMs, line[(tab + 1)..], LinesRead);
            return true;
        }

        frame = default;
        return false;
    }

    /// <summary>Every frame in order; each frame's bytes are valid only until the enumeration moves on.</summary>
    public IEnumerable<CaptureFrame> ReadAll()
    {
        while (TryReadNext(out var frame)) yield return frame;
    }

    private void Bad(string reason, string? detail)
    {
        BadLines++;
        _badByReason[reason] = _badByReason.TryGetValue(reason, out var n) ? n + 1 : 1;
        BadLine?.Invoke(new CaptureBadLine(LinesRead, reason, detail));
    }

    /// <summary>Next line without its '\n'; lines longer than the limit are reported and skipped here.</summary>
    private bool TryReadLine(out ReadOnlyMemory<byte> line)
    {
        while (true)
        {
            var newline = _buffer.AsSpan(_scanned, _end - _scanned).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                var at = _scanned + newline;
                var start = _start;
                _start = _scanned = at + 1;
                if (_discarding)
                {
                    _discarding = false;
                    continue;
                }
                line = _buffer.AsMemory(start, at - start);
                return true;
            }
            _scanned = _end;

            if (_eof)
            {
                if (_start < _end && !_discarding)
                {
                    line = _buffer.AsMemory(_start, _end - _start);
                    _start = _scanned = _end;
                    return true;
                }
                line = default;
                return false;
            }

            if (_discarding)
            {
                _start = _scanned = _end = 0;
            }
            else if (_end - _start > _maxLineBytes)
            {
                LinesRead++;
                Bad(CaptureLineReasons.LineTooLong, $"longer than {_maxLineBytes} bytes");
                _discarding = true;
                _start = _scanned = _end = 0;
            }
            else if (_start > 0)
            {
                var pending = _end - _start;
                Buffer.BlockCopy(_buffer, _start, _buffer, 0, pending);
                _start = 0;
                _end = _scanned = pending;
            }

            if (_end == _buffer.Length)
                Array.Resize(ref _buffer, (int)Math.Min((long)_buffer.Length * 2, _maxLineBytes + 1L));

            Fill();
        }
    }

    private void Fill()
    {
        try
        {
            var read = _input.Read(_buffer, _end, _buffer.Length - _end);
            if (read == 0) _eof = true;
            else _end += read;
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException)
        {
            _eof = true;
            LinesRead++;
            Bad(CaptureLineReasons.CorruptStream, ex.GetType().Name + ": " + ex.Message);
        }
    }

    public void Dispose()
    {
        if (!_leaveOpen) _input.Dispose();
    }
}
