using System.Text.Json;
using Trader.Host.Locking;
using Trader.Pipeline.Clock;
using Trader.Testing;

namespace Trader.Host.Tests.Replay;

/// <summary>
/// <c>trader replay</c> end to end in-process: the shipped one-hour capture replays into a report with every
/// CONTRACTS.md §6 field of the right JSON type; the command takes the instance lock; bad flags (a venue without
/// PAPER, a bad speed) are exit 2. PAPER replays: PaperReplayTests.
/// </summary>
public sealed class ReplayCommandTests : IDisposable
{
    private readonly TempDir _dir = new("replay-command-");

    public void Dispose() => _dir.Dispose();

    private static string ShippedCapture => Path.Combine(RepoPaths.Data, "captures", "lean-btc-eth-20180404-1h.capture.gz");

    [Fact]
    public async Task The_shipped_short_capture_replays_into_a_complete_report()
    {
        var run = await ReplayRun.RunAsync(_dir.File("var"), ShippedCapture);

        Assert.Equal(0, run.ExitCode);
        var root = run.Root;
        foreach (var name in new[] { "frames", "parse_errors", "cycles", "cycles_skipped", "proposals", "orders_placed", "fills" })
            Assert.Equal(JsonValueKind.Number, root.GetProperty(name).ValueKind);
        Assert.Equal(9000, root.GetProperty("frames").GetInt64());
        Assert.Equal(0, root.GetProperty("parse_errors").GetInt64());
        Assert.Equal(JsonValueKind.Object, root.GetProperty("rejected_by_reason").ValueKind);
        Assert.Equal(JsonValueKind.Array, root.GetProperty("orders").ValueKind);
        Assert.Equal("0", root.GetProperty("fees").GetString());
        Assert.Equal("0", root.GetProperty("realized_pnl").GetString());
        Assert.Equal(JsonValueKind.Number, root.GetProperty("max_drawdown_pct").ValueKind);
        Assert.Equal(JsonValueKind.Array, root.GetProperty("alerts").ValueKind);
        Assert.Equal(JsonValueKind.Array, root.GetProperty("halts").ValueKind);
        Assert.Matches("^[0-9a-f]{64}$", run.Digest);
        // the shipped capture is clean (ShippedCaptureGuardTests): nothing to alert on
        Assert.Empty(root.GetProperty("halts").EnumerateArray());
        Assert.Contains("9000 frames", run.Out);
        Assert.Contains(run.Digest, run.Out);
    }

    [Fact]
    public async Task Report_timestamps_are_utc_with_milliseconds()
    {
        var capture = _dir.File("faults.capture.gz");
        FaultCapture.Write(capture);

        var run = await ReplayRun.RunAsync(_dir.File("var"), capture);

        var stamps = run.Root.GetProperty("alerts").EnumerateArray().Select(a => a.GetProperty("ts").GetString()!)
            .Concat(run.Root.GetProperty("halts").EnumerateArray().Select(h => h.GetProperty("ts").GetString()!)).ToList();
        Assert.NotEmpty(stamps);
        Assert.All(stamps, s => Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", s));
    }

    [Fact]
    public async Task Replay_refuses_to_run_while_another_instance_holds_the_data_directory()
    {
        var dataDir = _dir.File("var");
        Directory.CreateDirectory(dataDir);
        Assert.True(InstanceLock.TryAcquire(dataDir, VirtualTime.Create().TimeProvider, out var held, out _));
        using (held)
        {
            var run = await ReplayRun.RunAsync(dataDir, ShippedCapture);
            Assert.Equal(3, run.ExitCode);
            Assert.Null(run.Report);
        }
    }

    [Theory]
    [InlineData("--venue", "sim")]
    [InlineData("--speed", "fast")]
    [InlineData("--speed", "0x")]
    public async Task Unavailable_modes_and_bad_speeds_are_usage_errors(string flag, string value)
    {
        var run = await ReplayRun.RunAsync(_dir.File("var"), ShippedCapture, flag, value);

        Assert.Equal(2, run.ExitCode);
        Assert.Null(run.Report);
        Assert.Contains("usage:", run.Error);
    }

    [Fact]
    public async Task A_missing_capture_is_a_usage_error()
    {
        var run = await ReplayRun.RunAsync(_dir.File("var"), _dir.File("nope.capture.gz"));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("capture not found", run.Error);
    }
}
