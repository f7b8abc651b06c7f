using System.IO.Compression;
using Trader.Testing;

namespace Trader.EndToEnd.Tests.Run;

/// <summary>`trader run --feed replay:FILE`: a capture paced on the real clock as the market feed (CONTRACTS.md §1, §8).</summary>
public sealed class RunReplayFeedTests : IDisposable
{
    private readonly TempDir _dir = new("trader-run-replay-");

    [Fact]
    [Trait("Req", "NFR-R1")]
    public void SIGTERM_while_the_service_is_still_starting_is_a_clean_stop_with_exit_0()
    {
        // The first log line comes from the start-up sequence (keys, gates, state, execution, reconciliation, metrics);
        // a stop requested anywhere in it ends the run cleanly instead of failing with exit 1.
        var config = ConfigFixture.CopyShipped(_dir.Path);
        var capture = Path.Combine(RepoPaths.Data, "captures", "lean-btc-eth-20180404-1h.capture.gz");
        using var run = TraderProcess.Start(["run", "--mode", "paper", "--venue", "paper", "--feed", "replay:" + capture, "--metrics-port", "0",
            "--config", config, "--data-dir", _dir.File("var")]);
        Assert.True(run.WaitForOutput("API key:", TimeSpan.FromSeconds(60)), run.Output);
        run.Signal(15);
        Assert.True(run.WaitForExit(TimeSpan.FromSeconds(15)), run.Output);
        Assert.True(run.ExitCode == 0, run.Output);
        Assert.True(run.Output.Contains("stopped by SIGTERM during start-up", StringComparison.Ordinal) || run.Output.Contains("stopped cleanly", StringComparison.Ordinal),
            run.Output);
    }

    [Fact]
    public void A_capture_is_played_as_the_feed_at_its_recorded_pace_and_a_bad_line_is_counted_not_fatal()
    {
        // The first 3 s of a shipped capture (status, trades, tickers, heartbeats) plus one corrupt line.
        var lines = new List<string>();
        using (var gz = new GZipStream(File.OpenRead(Path.Combine(RepoPaths.Data, "captures", "lean-btc-eth-20180404-1h.capture.gz")), CompressionMode.Decompress))
        using (var reader = new StreamReader(gz))
        {
            while (reader.ReadLine() is { } line)
            {
                if (line.StartsWith('#')) continue;
                if (long.Parse(line[..line.IndexOf('\t')], System.Globalization.CultureInfo.InvariantCulture) > 1522800003000) break;
                lines.Add(line);
            }
        }
        lines.Insert(3, "not a capture line");
        var capture = _dir.File("short.capture");
        File.WriteAllLines(capture, lines);
        var config = ConfigFixture.CopyShipped(_dir.Path);

        using var run = TraderProcess.Start(["run", "--mode", "dry-run", "--feed", "replay:" + capture, "--metrics-port", "0", "--config", config, "--data-dir", _dir.File("var")]);
        Assert.True(run.WaitForOutput("feed connected to replay:" + capture, TimeSpan.FromSeconds(60)), run.Output);
        Assert.True(run.WaitForOutput("replay feed finished:", TimeSpan.FromSeconds(30)), run.Output);
        Assert.Contains($"replay feed finished: {lines.Count - 1} frames, 1 bad lines, 0 rejected by the parser", run.Output);
        run.Signal(15);
        Assert.True(run.WaitForExit(TimeSpan.FromSeconds(15)), run.Output);
        Assert.Equal(0, run.ExitCode);
    }

    [Fact]
    public void A_missing_capture_or_an_unknown_feed_is_a_usage_error()
    {
        var config = ConfigFixture.CopyShipped(_dir.Path);
        foreach (var feed in new[] { "replay:" + _dir.File("missing.capture"), "kraken" })
        {
            using var run = TraderProcess.Start(["run", "--mode", "dry-run", "--feed", feed, "--config", config, "--data-dir", _dir.File("var")]);
            Assert.True(run.WaitForExit(TimeSpan.FromSeconds(60)));
            Assert.Equal(2, run.ExitCode);
            Assert.Contains("--feed " + feed, run.Output);
        }
    }

    public void Dispose() => _dir.Dispose();
}
