using System.Globalization;
using System.Reactive.Subjects;
using System.Text.Json;
using Trader.Coinbase.Capture;
using Trader.Host.Replay;
using Trader.Pipeline.Alerting;
using Trader.Pipeline.Alerts;
using Trader.Testing;

namespace Trader.Host.Tests.Replay;

/// <summary>REQ-AL1 in <c>trader replay</c>: the outlier guard's episodes and decision-side alerts reach the report and the digest.</summary>
public sealed class ReplayAlertTests : IDisposable
{
    private static readonly TimeSpan Sla = TimeSpan.FromSeconds(5);
    private readonly TempDir _dir = new("replay-alerts-");

    public void Dispose() => _dir.Dispose();

    private static DateTimeOffset At(int second) => FaultCapture.Start.AddSeconds(second);

    private static DateTimeOffset Ts(JsonElement e, string name) => DateTimeOffset.Parse(e.GetProperty(name).GetString()!, CultureInfo.InvariantCulture);

    [Fact]
    [Trait("Req", "REQ-AL1")]
    [Trait("Req", "REQ-O1")]
    public async Task The_spike_and_the_wide_spread_are_one_outlier_alert_each_within_5_s_and_clear_5_s_after()
    {
        var capture = _dir.File("faults.capture.gz");
        FaultCapture.Write(capture);

        var run = await ReplayRun.RunAsync(_dir.File("var"), capture);

        Assert.Equal(0, run.ExitCode);
        var outliers = run.Alerts(AlertKinds.Outlier).ToList();
        // The report lists each episode's raise and, later, its resolution (the report has no resolved flag: the message says it).
        var btc = outliers.Where(a => a.GetProperty("product_id").GetString() == "BTC-USD").ToList();
        Assert.Equal(2, btc.Count);
        var spike = btc[0];
        Assert.InRange(Ts(spike, "ts") - At(FaultCapture.SpikeAtSecond), TimeSpan.Zero, Sla);
        Assert.Contains("outlier", spike.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains("accepted again", btc[1].GetProperty("message").GetString(), StringComparison.Ordinal);
        var eth = outliers.Where(a => a.GetProperty("product_id").GetString() == "ETH-USD").ToList();
        Assert.Equal(2, eth.Count);
        var wide = eth[0];
        Assert.InRange(Ts(wide, "ts") - At(FaultCapture.WideSpreadAtSecond), TimeSpan.Zero, Sla);
        Assert.Contains("wide spread", wide.GetProperty("message").GetString(), StringComparison.Ordinal);

        // Each episode is a halt of its product, cleared by the first accepted tick 5 s after the rejection (ticks are 1 s apart).
        var halts = run.Halts(AlertKinds.Outlier).ToDictionary(h => h.GetProperty("scope").GetString()!);
        Assert.Equal(At(FaultCapture.SpikeAtSecond), Ts(halts["BTC-USD"], "ts"));
        Assert.Equal(At(FaultCapture.SpikeAtSecond + 5), Ts(halts["BTC-USD"], "cleared_ts"));
        Assert.Equal("outlier", halts["BTC-USD"].GetProperty("reason").GetString());
        Assert.Equal(At(FaultCapture.WideSpreadAtSecond + 5), Ts(halts["ETH-USD"], "cleared_ts"));
        Assert.Equal("wide_spread", halts["ETH-USD"].GetProperty("reason").GetString());
    }

    [Fact]
    [Trait("Req", "REQ-AL1")]
    public async Task Alerts_a_decision_cycle_raises_through_the_driver_are_in_the_report_at_the_cycle_instant_and_in_the_digest()
    {
        var capture = _dir.File("clean.capture.gz");
        FaultCapture.Write(capture, withFaults: false);

        var (withAlert, cycleAt) = await RunDriverAsync(capture, raise: true);
        var (without, _) = await RunDriverAsync(capture, raise: false);

        var alert = Assert.Single(withAlert.Alerts);
        Assert.Equal((AlertKinds.ExposureCap, "warning", "BTC-USD"), (alert.Kind, alert.Severity, alert.ProductId));
        Assert.NotNull(cycleAt);
        Assert.InRange(alert.Ts - cycleAt.Value, TimeSpan.Zero, Sla);
        Assert.Empty(withAlert.Halts);          // a cap is not a halt: nothing is blocked
        Assert.Empty(without.Alerts);
        Assert.NotEqual(without.Digest, withAlert.Digest);
    }

    private static async Task<(Trader.Host.Reports.ReplayReport Report, DateTimeOffset? CycleAt)> RunDriverAsync(string capture, bool raise)
    {
        var options = new ReplayOptions { CycleInterval = TimeSpan.FromSeconds(30), CycleJitterPct = 0m };
        using var driver = new ReplayDriver(options, new ListJournal());
        using var source = new Subject<GuardAlert>();
        using var subscription = driver.RaiseAlertsOf(source);
        DateTimeOffset? cycleAt = null;
        driver.Cycle = tick =>
        {
            if (raise && cycleAt is null)
            {
                cycleAt = driver.Clock.Now;
                source.OnNext(new GuardAlert(AlertKinds.ExposureCap, AlertSeverity.Warning, "BTC-USD", "max_total_at_risk_pct",
                    "BTC-USD Buy entry refused by max_total_at_risk_pct: 1600 used of 1500", driver.Clock.Now, Resolved: false));
            }
            return Task.CompletedTask;
        };
        using var reader = CaptureReader.Open(capture);
        return (await driver.RunAsync(reader), cycleAt);
    }

    private sealed class ListJournal : IAlertJournal
    {
        public void Record(AlertNotification notification, IReadOnlyList<string> sinks) { }

        public void MarkDelivered(string notificationId, string sink, DateTimeOffset at) { }

        public IReadOnlyList<(AlertNotification Notification, IReadOnlyList<string> Sinks)> Undelivered() => [];
    }
}
