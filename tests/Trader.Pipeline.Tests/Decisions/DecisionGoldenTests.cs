using System.Security.Cryptography;
using System.Text;
using CsCheck;
using Trader.Coinbase.Capture;
using Trader.Coinbase.Parsing;
using Trader.Pipeline.Decisions;
using Trader.Testing;

namespace Trader.Pipeline.Tests.Decisions;

/// <summary>
/// Replays are deterministic: the same inputs give the same journal, and the shipped one-hour capture, replayed
/// in DRY_RUN with a fixed seed, gives exactly the committed journal digest. To change the baseline on purpose
/// (a deliberate policy or journal-format change): run with UPDATE_BASELINES=1, review the diff of
/// tests/baselines/decision-journal-1h.sha256 and the journal lines it was computed from, and commit both.
/// </summary>
public sealed class DecisionGoldenTests
{
    private const string Capture = "lean-btc-eth-20180404-1h.capture.gz";

    [Fact]
    public void The_same_feed_and_seed_give_the_same_journal_lines()
    {
        var gen = Gen.Select(Gen.Int[1, 10_000], Gen.Int[-30, 30], Gen.Int[-30, 30]);
        gen.Sample((seed, btcBpsPerMinute, ethBpsPerMinute) =>
        {
            var first = Task.Run(() => Run(seed, btcBpsPerMinute, ethBpsPerMinute)).GetAwaiter().GetResult();
            var second = Task.Run(() => Run(seed, btcBpsPerMinute, ethBpsPerMinute)).GetAwaiter().GetResult();
            Assert.Equal(first, second);
        }, iter: 8);
    }

    [Fact]
    public async Task The_shipped_one_hour_capture_replays_in_dry_run_to_the_committed_journal_digest()
    {
        var lines = await ReplayCaptureAsync();
        Assert.Contains(lines, l => l.Contains("|proposal|approved|", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("|order_intent|dry_run_not_sent|", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("|rejection|rejected|", StringComparison.Ordinal));

        var digest = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("\n", lines) + "\n")));
        var baseline = Path.Combine(RepoPaths.Root, "tests", "baselines", "decision-journal-1h.sha256");
        if (Environment.GetEnvironmentVariable("UPDATE_BASELINES") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(baseline)!);
            await File.WriteAllTextAsync(baseline, digest + "  " + Capture + " (" + lines.Count + " journal lines)\n");
        }
        Assert.True(File.Exists(baseline), $"no baseline at {baseline}: run once with UPDATE_BASELINES=1 and commit it");
        var expected = (await File.ReadAllTextAsync(baseline)).Split(' ', 2)[0].Trim();
        Assert.True(expected == digest,
            $"journal digest {digest} over {lines.Count} lines differs from the baseline {expected}; first lines:\n" +
            string.Join("\n", lines.Take(20)));
    }

    private static async Task<IReadOnlyList<string>> ReplayCaptureAsync()
    {
        using var reader = CaptureReader.Open(Path.Combine(RepoPaths.Data, "captures", Capture));
        var parser = new CoinbaseFrameParser();
        Assert.True(reader.TryReadNext(out var first));
        await using var h = new DecisionHarness(seed: 20180404, start: first.TsRecv, config: SensitiveConfig.Create());
        h.Scheduler.Start();
        var frame = first;
        do
        {
            await h.AdvanceToAsync(frame.TsRecv);
            if (parser.Parse(frame.Frame.Span, frame.TsRecv).IsOk)
                foreach (var marketEvent in parser.Events.ToArray()) h.Feed.OnEvent(marketEvent);
        }
        while (reader.TryReadNext(out frame));
        Assert.Equal(0, h.Pipeline.Counters.Errors);
        Assert.True(h.Pipeline.Counters.Cycles >= 50, $"cycles {h.Pipeline.Counters.Cycles}");
        return h.Journal.Lines;
    }

    private static async Task<IReadOnlyList<string>> Run(int seed, int btcBpsPerMinute, int ethBpsPerMinute)
    {
        await using var h = new DecisionHarness(seed: seed, config: SensitiveConfig.Create());
        h.Online("BTC-USD", "ETH-USD");
        h.Scheduler.Start();
        await h.RunAsync(20, ["BTC-USD", "ETH-USD"], (product, since) =>
        {
            var (start, bps) = product == "BTC-USD" ? (50_000m, btcBpsPerMinute) : (3_000m, ethBpsPerMinute);
            var minutes = (decimal)since.TotalMinutes;
            var wiggle = (decimal)Math.Sin((double)minutes) * 0.0005m; // ±5 bps around the trend
            return start * (1m + bps / 10_000m * minutes + wiggle);
        });
        return h.Journal.Lines.Concat(h.Digest).ToArray();
    }
}
