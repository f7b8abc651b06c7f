using CsCheck;
using Trader.Coinbase.Parsing;

namespace Trader.Coinbase.Tests.Parsing;

/// <summary>Truncated and byte-mutated sample frames never make the parser throw; every result has a verdict.</summary>
public sealed class CoinbaseFrameParserFuzzTests
{
    private static readonly DateTimeOffset Recv = new(2026, 9, 30, 3, 0, 0, TimeSpan.Zero);

    private static readonly byte[][] Frames = Samples.WsFrames().SelectMany(n => new[] { Samples.Bytes(n), Samples.Compact(n) }).ToArray();

    private static readonly byte[] Interesting = "{}[]\",:0123456789-.eE \\unt\"Z"u8.ToArray();

    private static void AssertVerdict(CoinbaseFrameParser parser, byte[] frame)
    {
        var result = parser.Parse(frame, Recv);
        if (result.IsOk)
        {
            Assert.Null(result.Reason);
            Assert.Equal(result.EventCount, parser.Events.Count);
        }
        else
        {
            Assert.False(string.IsNullOrEmpty(result.Reason));
            Assert.Empty(parser.Events);
            Assert.True(result.Reason != ParseReasons.ParserError, $"parser_error {result.Detail}: {System.Text.Encoding.UTF8.GetString(frame)}");
        }
    }

    [Fact]
    public void Every_truncation_of_every_sample_gets_a_verdict()
    {
        var parser = new CoinbaseFrameParser();
        var count = 0;
        foreach (var frame in Frames)
        {
            var step = Math.Max(1, frame.Length / 60);
            for (var len = 0; len < frame.Length; len += step)
            {
                AssertVerdict(parser, frame[..len]);
                count++;
            }
        }
        Assert.True(count > 2000, $"only {count} truncations");
    }

    [Fact]
    public void Byte_mutated_samples_never_throw()
    {
        var parser = new CoinbaseFrameParser();
        var gen =
            from frameIndex in Gen.Int[0, Frames.Length - 1]
            from edits in Gen.Select(Gen.Int[0, 1 << 20], Gen.Int[0, 3], Gen.Int[0, 255], Gen.Int[0, Interesting.Length - 1]).Array[1, 6]
            select (frameIndex, edits);

        gen.Sample(t =>
        {
            var bytes = new List<byte>(Frames[t.frameIndex]);
            foreach (var (pos, kind, value, pick) in t.edits)
            {
                if (bytes.Count == 0) break;
                var at = pos % bytes.Count;
                switch (kind)
                {
                    case 0: bytes[at] = (byte)value; break;
                    case 1: bytes[at] = Interesting[pick]; break;
                    case 2: bytes.RemoveAt(at); break;
                    default: bytes.Insert(at, Interesting[pick]); break;
                }
            }
            AssertVerdict(parser, bytes.ToArray());
        }, iter: 5000, threads: 1);

        Assert.True(parser.FramesOk + parser.FramesRejected + parser.FramesIgnored >= 5000);
    }
}
