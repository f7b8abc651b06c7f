using System.Globalization;
using System.IO.Compression;

namespace Trader.ExchangeSim.Market;

/// <summary>
/// Streams a capture (CONTRACTS.md §8: <c>recv_unix_ms TAB frame</c> per line, <c>#</c> comments, <c>.gz</c> by
/// extension) into the venue, each frame at its receive time on the simulator's clock. A bad line is counted and
/// skipped.
/// </summary>
internal sealed class CaptureFeed
{
    private readonly Venue _venue;
    private readonly string _path;
    private readonly CaptureAlignment _alignment;
    private long _framesRead;
    private long _badLines;

    public CaptureFeed(Venue venue, string path, CaptureAlignment alignment)
    {
        _venue = venue;
        _path = path;
        _alignment = alignment;
    }

    public long FramesRead => Interlocked.Read(ref _framesRead);
    /// <summary>Lines without a <c>recv_unix_ms TAB</c> prefix.</summary>
    public long BadLines => Interlocked.Read(ref _badLines);
    public Task Completion { get; private set; } = Task.CompletedTask;

    public void Start(CancellationToken token) => Completion = Task.Run(() => RunAsync(token), token);

    private async Task RunAsync(CancellationToken token)
    {
        await using var file = File.OpenRead(_path);
        await using Stream stream = _path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)
            ? new GZipStream(file, CompressionMode.Decompress)
            : file;
        using var reader = new StreamReader(stream);
        var clock = _venue.Clock;
        var started = clock.GetUtcNow();
        long? first = null;
        while (await reader.ReadLineAsync(token) is { } line)
        {
            if (line.Length == 0 || line[0] == '#') continue;
            var tab = line.IndexOf('\t');
            if (tab <= 0 || !long.TryParse(line.AsSpan(0, tab), NumberStyles.Integer, CultureInfo.InvariantCulture, out var recvMs))
            {
                Interlocked.Increment(ref _badLines);
                continue;
            }
            first ??= recvMs;
            var due = _alignment == CaptureAlignment.Absolute
                ? DateTimeOffset.FromUnixTimeMilliseconds(recvMs)
                : started + TimeSpan.FromMilliseconds(recvMs - first.Value);
            var wait = due - clock.GetUtcNow();
            if (wait > TimeSpan.Zero) await Task.Delay(wait, clock, token);
            Interlocked.Increment(ref _framesRead);
            _venue.IngestFrame(line[(tab + 1)..]);   // a frame it cannot use is counted by the venue
        }
    }
}
