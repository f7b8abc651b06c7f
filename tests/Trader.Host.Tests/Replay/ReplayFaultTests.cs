using System.Text.Json;
using Trader.Testing;

namespace Trader.Host.Tests.Replay;

/// <summary>
/// A capture with planted faults, replayed through <c>trader replay</c>: each fault shows in the report — corrupt
/// lines in <c>parse_errors</c>, the price spike and the wide spread in <c>rejected_by_reason</c>, the silence as
/// staleness alerts and halts opened and cleared at the right virtual instants, the offline product as a
/// product_health alert and halt, the skipped sequence number as a <c>sequence_gap</c> alert.
/// </summary>
public sealed class ReplayFaultTests : IDisposable
{
    private readonly TempDir _dir = new("replay-faults-");
    private readonly string _capture;

    public ReplayFaultTests()
    {
        _capture = _dir.File("faults.capture.gz");
        FaultCapture.Write(_capture);
    }

    public void Dispose() => _dir.Dispose();

    private static DateTimeOffset At(int second) => FaultCapture.Start.AddSeconds(second);

    private static DateTimeOffset Ts(JsonElement e, string name) => DateTimeOffset.Parse(e.GetProperty(name).GetString()!, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task Corrupt_lines_are_counted_and_do_not_stop_the_replay()
    {
        var run = await ReplayRun.RunAsync(_dir.File("var"), _capture);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(FaultCapture.CorruptLines, run.Root.GetProperty("parse_errors").GetInt64());
        // 1 status at 0 + 2 statuses + 2 tickers for every second outside the silence + the 2 corrupt lines
        var seconds = FaultCapture.End + 1 - (FaultCapture.SilenceTo - FaultCapture.SilenceFrom - 1);
        Assert.Equal(1 + 2 + 2 * seconds + FaultCapture.CorruptLines, run.Root.GetProperty("frames").GetInt64());
        Assert.Contains("2 parse errors", run.Out);
    }

    [Fact]
    [Trait("Req", "REQ-O1")]
    public async Task The_spike_and_the_wide_spread_are_rejected_by_reason()
    {
        var run = await ReplayRun.RunAsync(_dir.File("var"), _capture);

        var rejected = run.Root.GetProperty("rejected_by_reason");
        Assert.Equal(1, rejected.GetProperty("outlier").GetInt64());
        Assert.Equal(1, rejected.GetProperty("wide_spread").GetInt64());
    }

    [Fact]
    [Trait("Req", "REQ-ST1")]
    public async Task A_silence_longer_than_the_quote_age_limit_raises_staleness_and_halts_both_products_until_quotes_return()
    {
        var run = await ReplayRun.RunAsync(_dir.File("var"), _capture);

        var halts = run.Halts("staleness").Where(h => h.GetProperty("reason").GetString() == "stale_quote").ToList();
        Assert.Equal(new[] { "BTC-USD", "ETH-USD" }, halts.Select(h => h.GetProperty("scope").GetString()!).Order().ToArray());
        foreach (var halt in halts)
        {
            // last quote at SilenceFrom; max_quote_age_seconds is 5 and stale means age > 5 s
            var opened = Ts(halt, "ts");
            Assert.InRange(opened, At(FaultCapture.SilenceFrom + 5), At(FaultCapture.SilenceFrom + 6));
            Assert.Equal(At(FaultCapture.SilenceTo), Ts(halt, "cleared_ts"));
        }
        Assert.Contains(run.Alerts("staleness"), a => a.GetProperty("product_id").GetString() == "BTC-USD");
        Assert.Contains(run.Alerts("staleness"), a => a.GetProperty("product_id").GetString() == "ETH-USD");
    }

    [Fact]
    public async Task A_product_taken_offline_by_a_status_frame_is_halted_until_it_is_back_online()
    {
        var run = await ReplayRun.RunAsync(_dir.File("var"), _capture);

        var halt = Assert.Single(run.Halts("product_health"));
        Assert.Equal("ETH-USD", halt.GetProperty("scope").GetString());
        Assert.Equal(At(FaultCapture.OfflineAt), Ts(halt, "ts"));
        Assert.Equal(At(FaultCapture.OnlineAt), Ts(halt, "cleared_ts"));
        Assert.Contains(run.Alerts("product_health"), a => a.GetProperty("product_id").GetString() == "ETH-USD");
    }

    [Fact]
    public async Task A_skipped_sequence_number_raises_a_sequence_gap_alert()
    {
        var run = await ReplayRun.RunAsync(_dir.File("var"), _capture);

        var gap = run.Alerts("sequence_gap").First();
        Assert.Equal(At(FaultCapture.GapAtSecond), Ts(gap, "ts"));
        Assert.Equal(JsonValueKind.Null, gap.GetProperty("product_id").ValueKind);
        Assert.Contains("3 frame(s) lost", gap.GetProperty("message").GetString());
    }

    [Fact]
    public async Task A_clean_capture_has_no_alert_no_halt_and_no_rejection()
    {
        var clean = _dir.File("clean.capture.gz");
        FaultCapture.Write(clean, withFaults: false);

        var run = await ReplayRun.RunAsync(_dir.File("var"), clean);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(0, run.Root.GetProperty("parse_errors").GetInt64());
        Assert.Empty(run.Root.GetProperty("alerts").EnumerateArray());
        Assert.Empty(run.Root.GetProperty("halts").EnumerateArray());
        Assert.Empty(run.Root.GetProperty("rejected_by_reason").EnumerateObject());
    }
}
