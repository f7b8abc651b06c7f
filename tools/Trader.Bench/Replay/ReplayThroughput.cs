using System.Buffers.Text;
using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using Trader.Coinbase.Parsing;
using Trader.Domain.Market;
using Trader.Pipeline.Clock;
using Trader.Pipeline.Guards;
using Trader.Pipeline.Market;

namespace Trader.Bench.Replay;

/// <summary>
/// <c>replay-throughput FILE</c>: on the same in-memory bytes, frames per second of (1) a raw Utf8JsonReader scan of
/// every frame (the floor), (2) the production parser, (3) parser + guards + market state on a virtual clock. The
/// last line is one JSON object; alloc_bytes_per_frame is the pipeline pass's allocation per frame and
/// event_bytes_per_frame the parse pass's (the events themselves): the difference is what guards, market state and
/// their clock timers allocate.
/// </summary>
public static class ReplayThroughput
{
    private readonly record struct Frame(long RecvMs, int Offset, int Length);

    public static int Run(string[] args)
    {
        if (args.Length != 1 || !File.Exists(args[0]))
        {
            Console.Error.WriteLine("usage: replay-throughput FILE (a .capture or .capture.gz)");
            return 2;
        }
        var (bytes, frames) = Load(args[0]);
        Console.WriteLine($"loaded {frames.Count} frames, {bytes.Length / 1024.0 / 1024.0:0.0} MiB");
        if (frames.Count == 0) return 1;

        // A short capture is passed over several times so tiered JIT has settled and the timing is not noise.
        var repeats = Math.Max(1, 300_000 / Math.Max(1, frames.Count));
        for (var i = 0; i < 3; i++)
        {
            RawScan(bytes, frames);
            Parse(bytes, frames);
            Pipeline(bytes, frames);
        }

        var raw = Measure(() => RawScan(bytes, frames), frames.Count, repeats, out _);
        var parse = Measure(() => Parse(bytes, frames), frames.Count, repeats, out var eventBytesPerFrame);
        var pipeline = Measure(() => Pipeline(bytes, frames), frames.Count, repeats, out var allocPerFrame);
        Console.WriteLine($"raw scan  {raw,12:N0} frames/s");
        Console.WriteLine($"parse     {parse,12:N0} frames/s");
        Console.WriteLine($"pipeline  {pipeline,12:N0} frames/s ({allocPerFrame:0} B allocated per frame, of which {eventBytesPerFrame:0} B are the parsed events)");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{{\"frames\":{frames.Count},\"raw_scan_fps\":{raw:0},\"parse_fps\":{parse:0},\"pipeline_fps\":{pipeline:0},\"ratio\":{pipeline / raw:0.000},\"alloc_bytes_per_frame\":{allocPerFrame:0},\"event_bytes_per_frame\":{eventBytesPerFrame:0}}}"));
        return 0;
    }

    private static double Measure(Func<long> pass, int frames, int repeats, out double allocPerFrame)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        var watch = Stopwatch.StartNew();
        long checksum = 0;
        for (var i = 0; i < repeats; i++) checksum += pass();
        watch.Stop();
        var total = (double)frames * repeats;
        allocPerFrame = (GC.GetAllocatedBytesForCurrentThread() - before) / total;
        if (checksum == long.MinValue) Console.WriteLine(); // keeps the pass from being optimised away
        return total / watch.Elapsed.TotalSeconds;
    }

    private static long RawScan(byte[] bytes, List<Frame> frames)
    {
        long tokens = 0;
        foreach (var frame in frames)
        {
            var reader = new Utf8JsonReader(bytes.AsSpan(frame.Offset, frame.Length));
            while (reader.Read()) tokens++;
        }
        return tokens;
    }

    private static long Parse(byte[] bytes, List<Frame> frames)
    {
        var parser = new CoinbaseFrameParser();
        long events = 0;
        foreach (var frame in frames)
            events += parser.Parse(bytes.AsSpan(frame.Offset, frame.Length), DateTimeOffset.FromUnixTimeMilliseconds(frame.RecvMs)).EventCount;
        return events;
    }

    private static long Pipeline(byte[] bytes, List<Frame> frames)
    {
        var clock = new VirtualClock(DateTimeOffset.FromUnixTimeMilliseconds(frames[0].RecvMs));
        var state = new MarketState(StalenessSettings.Default);
        using var feed = new MarketFeedProcessor(state, clock, StalenessSettings.Default, OutlierSettings.Default, _ => 80m);
        var parser = new CoinbaseFrameParser();
        long events = 0;
        foreach (var frame in frames)
        {
            var at = DateTimeOffset.FromUnixTimeMilliseconds(frame.RecvMs);
            if (at > clock.Now) clock.AdvanceTo(at);
            if (!parser.Parse(bytes.AsSpan(frame.Offset, frame.Length), at).IsOk) continue;
            // Indexed like the live feed (CoinbaseMarketDataFeed): foreach over the IReadOnlyList would box its enumerator.
            var parsed = parser.Events;
            for (var i = 0; i < parsed.Count; i++)
            {
                feed.OnEvent(parsed[i]);
                events++;
            }
        }
        return events;
    }

    private static (byte[] Bytes, List<Frame> Frames) Load(string path)
    {
        using var file = File.OpenRead(path);
        using Stream input = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(file, CompressionMode.Decompress) : file;
        using var memory = new MemoryStream();
        input.CopyTo(memory);
        var bytes = memory.ToArray();
        var frames = new List<Frame>();
        var position = 0;
        while (position < bytes.Length)
        {
            var newline = bytes.AsSpan(position).IndexOf((byte)'\n');
            var end = newline < 0 ? bytes.Length : position + newline;
            var line = bytes.AsSpan(position, end - position);
            var tab = line.IndexOf((byte)'\t');
            if (line.Length > 0 && line[0] != (byte)'#' && tab > 0 && Utf8Parser.TryParse(line[..tab], out long ms, out _))
                frames.Add(new Frame(ms, position + tab + 1, line.Length - tab - 1));
            position = end + 1;
        }
        return (bytes, frames);
    }
}
