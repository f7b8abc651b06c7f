using Trader.Host.Composition;
using Trader.Testing;

namespace Trader.Host.Tests.Replay;

/// <summary>
/// Replay is deterministic (DESIGN.md §1): the same capture gives the same digest and the same report bytes, run
/// after run, and pacing against the real clock changes when frames are processed, never what is computed.
/// </summary>
public sealed class ReplayDeterminismTests : IDisposable
{
    private readonly TempDir _dir = new("replay-determinism-");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task The_same_capture_replayed_twice_gives_the_same_digest_and_report()
    {
        var capture = _dir.File("faults.capture.gz");
        FaultCapture.Write(capture);

        var first = await ReplayRun.RunAsync(_dir.File("var1"), capture);
        var second = await ReplayRun.RunAsync(_dir.File("var2"), capture);

        Assert.Matches("^[0-9a-f]{64}$", first.Digest);
        Assert.Equal(first.Digest, second.Digest);
        Assert.Equal(first.ReportText, second.ReportText);
    }

    [Fact]
    public async Task A_paced_replay_gives_the_same_digest_as_max_speed()
    {
        var capture = _dir.File("faults.capture.gz");
        FaultCapture.Write(capture);

        var max = await ReplayRun.RunAsync(_dir.File("var1"), capture, "--speed", "max");
        // realtime-ok: pacing waits on the real clock by design; 70 s of virtual time at 1000x is ~70 ms
        var paced = await ReplayRun.RunAsync(ProcessClock.System(), _dir.File("var2"), capture, ["--speed", "1000x"]);

        Assert.Equal(0, paced.ExitCode);
        Assert.Equal(max.Digest, paced.Digest);
        // Everything but the real-clock cycle timing (NFR-P1, machine-dependent, never in the digest) is identical.
        Assert.Equal(WithoutTiming(max.ReportText), WithoutTiming(paced.ReportText));
    }

    [Fact]
    [Trait("Req", "NFR-P1")]
    public async Task The_report_gives_every_cycles_real_processing_time_and_judges_the_cycle_slo()
    {
        var capture = _dir.File("faults.capture.gz");
        FaultCapture.Write(capture);

        var run = await ReplayRun.RunAsync(_dir.File("var"), capture, "--speed", "max");

        var root = run.Report!.RootElement;
        var latency = root.GetProperty("cycle_latency");
        Assert.Equal(root.GetProperty("cycles").GetInt64(), latency.GetProperty("samples").GetInt64());
        Assert.True(latency.GetProperty("p50_ms").GetDouble() <= latency.GetProperty("p95_ms").GetDouble());
        Assert.True(latency.GetProperty("p95_ms").GetDouble() <= latency.GetProperty("p99_ms").GetDouble());
        Assert.Equal(latency.GetProperty("p95_ms").GetDouble() <= 1000 && latency.GetProperty("p99_ms").GetDouble() <= 2000,
            latency.GetProperty("slo_met").GetBoolean());
    }

    private static string WithoutTiming(string? report)
    {
        var json = System.Text.Json.Nodes.JsonNode.Parse(report ?? "{}")!.AsObject();
        Assert.True(json.Remove("cycle_latency"), "the report has no cycle_latency");
        return json.ToJsonString();
    }

    [Fact]
    public async Task Different_market_data_gives_a_different_digest()
    {
        var faults = _dir.File("faults.capture.gz");
        var clean = _dir.File("clean.capture.gz");
        FaultCapture.Write(faults);
        FaultCapture.Write(clean, withFaults: false);

        var a = await ReplayRun.RunAsync(_dir.File("var1"), faults);
        var b = await ReplayRun.RunAsync(_dir.File("var2"), clean);

        Assert.NotEqual(a.Digest, b.Digest);
    }
}
