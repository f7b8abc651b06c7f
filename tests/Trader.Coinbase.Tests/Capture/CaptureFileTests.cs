using System.IO.Compression;
using System.Text;
using Trader.Coinbase.Capture;
using Trader.Coinbase.Parsing;
using Trader.Coinbase.Tests.Parsing;
using Trader.Testing;

namespace Trader.Coinbase.Tests.Capture;

/// <summary>Capture files (CONTRACTS.md §8): round trip, gzip by extension, comments, bad lines, constant memory.</summary>
public sealed class CaptureFileTests
{
    private static readonly string[] SampleNames =
    [
        "ws-recorded-level2-snapshot-truncated.json", "ws-recorded-market-trades-update.json", "ws-recorded-level2-update.json",
        "ws-recorded-market-trades-update-2.json", "ws-recorded-heartbeats.json", "ws-ticker.json",
    ];

    private static List<(long Ms, byte[] Frame)> ReadAll(CaptureReader reader)
    {
        var frames = new List<(long, byte[])>();
        while (reader.TryReadNext(out var f)) frames.Add((f.RecvUnixMs, f.Frame.ToArray()));
        return frames;
    }

    [Theory]
    [InlineData("capture.ndjson")]
    [InlineData("capture.ndjson.gz")]
    public void Frames_round_trip_byte_for_byte(string fileName)
    {
        using var dir = new TempDir();
        var path = dir.File(fileName);
        var frames = SampleNames.Select((n, i) => (Ms: 1_790_735_993_000L + i * 250, Frame: Samples.Compact(n))).ToList();
        using (var writer = CaptureWriter.Create(path))
        {
            writer.WriteComment("recorded by a test; products BTC-USD,ETH-USD");
            foreach (var (ms, frame) in frames) writer.WriteFrame(ms, frame);
            Assert.Equal(frames.Count, writer.FramesWritten);
        }

        if (fileName.EndsWith(".gz", StringComparison.Ordinal))
        {
            using var gz = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
            Assert.StartsWith("# recorded by a test", new StreamReader(gz).ReadLine());
        }
        else
        {
            var lines = File.ReadAllLines(path);
            Assert.Equal(frames.Count + 1, lines.Length);
            Assert.Equal("1790735993000\t" + Encoding.UTF8.GetString(frames[0].Frame), lines[1]);
        }

        using var reader = CaptureReader.Open(path);
        var read = ReadAll(reader);
        Assert.Equal(frames.Select(f => f.Ms), read.Select(f => f.Ms));
        for (var i = 0; i < frames.Count; i++) Assert.Equal(frames[i].Frame, read[i].Frame);
        Assert.Equal((7L, 1L, 0L), (reader.LinesRead, reader.CommentLines, reader.BadLines));
    }

    [Fact]
    public void A_pretty_printed_frame_is_written_on_one_line_with_the_same_meaning()
    {
        using var dir = new TempDir();
        var path = dir.File("pretty.capture");
        var pretty = Samples.Bytes("ws-ticker.json");
        Assert.Contains((byte)'\n', pretty);
        using (var writer = CaptureWriter.Create(path)) writer.WriteFrame(5, pretty);

        Assert.Single(File.ReadAllLines(path));
        using var reader = CaptureReader.Open(path);
        Assert.True(reader.TryReadNext(out var f));
        Assert.Equal(pretty.Length, f.Frame.Length);
        var parser = new CoinbaseFrameParser();
        Assert.True(parser.Parse(f.Frame.Span, f.TsRecv).IsOk);
        Assert.Equal(21932.98m, ((Trader.Domain.Market.TickerEvent)parser.Events[0]).Price);
    }

    [Fact]
    public void Corrupt_lines_are_counted_reported_and_skipped()
    {
        var text =
            "# header\n" +
            "100\t{\"channel\":\"ticker\"}\n" +
            "no tab here\n" +
            "abc\t{\"x\":1}\n" +
            "-5\t{\"x\":1}\n" +
            "200\t\n" +
            "\n" +
            "300\t{\"channel\":\"heartbeats\"}\r\n" +
            "99999999999999999999\t{}\n" +
            "400\t{\"last\":true}";
        using var reader = new CaptureReader(new MemoryStream(Encoding.UTF8.GetBytes(text)));
        var bad = new List<CaptureBadLine>();
        reader.BadLine += bad.Add;

        var frames = ReadAll(reader);

        Assert.Equal(new long[] { 100, 300, 400 }, frames.Select(f => f.Ms));
        Assert.Equal("{\"channel\":\"heartbeats\"}", Encoding.UTF8.GetString(frames[1].Frame));
        Assert.Equal("{\"last\":true}", Encoding.UTF8.GetString(frames[2].Frame));
        Assert.Equal(
            new[]
            {
                new CaptureBadLine(3, CaptureLineReasons.MissingTab, null),
                new CaptureBadLine(4, CaptureLineReasons.BadRecvMs, null),
                new CaptureBadLine(5, CaptureLineReasons.BadRecvMs, null),
                new CaptureBadLine(6, CaptureLineReasons.EmptyFrame, null),
                new CaptureBadLine(9, CaptureLineReasons.BadRecvMs, null),
            },
            bad);
        Assert.Equal((10L, 3L, 5L, 1L, 1L), (reader.LinesRead, reader.FramesRead, reader.BadLines, reader.BlankLines, reader.CommentLines));
        Assert.Equal(3, reader.BadLinesByReason[CaptureLineReasons.BadRecvMs]);
    }

    [Fact]
    public void An_overlong_line_is_skipped_without_holding_it_and_reading_goes_on()
    {
        var sb = new StringBuilder();
        sb.Append("1\t{\"a\":1}\n");
        sb.Append("2\t").Append('x', 10_000).Append('\n');
        sb.Append("3\t{\"b\":2}\n");
        using var reader = new CaptureReader(new MemoryStream(Encoding.UTF8.GetBytes(sb.ToString())), maxLineBytes: 1024);
        var bad = new List<CaptureBadLine>();
        reader.BadLine += bad.Add;

        var frames = ReadAll(reader);

        Assert.Equal(new long[] { 1, 3 }, frames.Select(f => f.Ms));
        Assert.Equal(CaptureLineReasons.LineTooLong, Assert.Single(bad).Reason);
        Assert.Equal(2, bad[0].LineNumber);
        Assert.True(reader.BufferCapacity <= 1025);
    }

    [Fact]
    public void A_large_gzip_capture_streams_in_a_buffer_the_size_of_its_longest_line()
    {
        using var dir = new TempDir();
        var path = dir.File("big.capture.gz");
        var frame = Samples.Compact("ws-recorded-level2-update.json");
        const int count = 20_000;
        using (var writer = CaptureWriter.Create(path))
        {
            for (var i = 0; i < count; i++) writer.WriteFrame(1_000 + i, frame);
        }
        Assert.True(count * (long)frame.Length > 50_000_000);

        using var reader = CaptureReader.Open(path);
        long n = 0, lastMs = 0;
        while (reader.TryReadNext(out var f))
        {
            n++;
            lastMs = f.RecvUnixMs;
            Assert.Equal(frame.Length, f.Frame.Length);
        }
        Assert.Equal((count, 1_000L + count - 1), (n, lastMs));
        Assert.True(reader.BufferCapacity <= 64 * 1024, $"buffer grew to {reader.BufferCapacity}");
    }

    [Fact]
    public void A_truncated_gzip_file_yields_what_it_holds_and_never_throws()
    {
        using var dir = new TempDir();
        var path = dir.File("cut.capture.gz");
        var frame = Samples.Compact("ws-recorded-market-trades-update.json");
        using (var writer = CaptureWriter.Create(path))
        {
            for (var i = 0; i < 5_000; i++) writer.WriteFrame(i, frame);
        }
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);

        using var reader = CaptureReader.Open(path);
        var bad = new List<CaptureBadLine>();
        reader.BadLine += bad.Add;
        var parser = new CoinbaseFrameParser();
        long ok = 0, rejected = 0;
        while (reader.TryReadNext(out var f))
        {
            if (parser.Parse(f.Frame.Span, f.TsRecv).IsOk) ok++;
            else rejected++;
        }

        Assert.InRange(ok, 1, 4_999);
        // The cut-off last line is visible as a loss: a bad line (no tab yet, or a corrupt stream) or a frame the
        // parser rejects; everything before it was read.
        Assert.Equal(1, bad.Count + rejected);
        Assert.Equal(reader.FramesRead, ok + rejected);
    }
}
