using System.Text.Json.Nodes;
using Trader.Host.Backtest;
using Trader.Testing;

namespace Trader.Host.Tests.Backtest;

/// <summary>REQ-BT3: the committed baselines hold, and a metric more than 2 % off fails the gate.</summary>
public sealed class BaselineGateTests : IDisposable
{
    private readonly TempDir _dir = new("trader-bt-gate-");

    public void Dispose() => _dir.Dispose();

    private static BaselineMetrics Metrics(decimal net, decimal drawdown, int trades, decimal fees) =>
        new(net, drawdown, trades, fees, 10_000m, 0, "c", "d", []);

    public static TheoryData<string> CommittedBaselines()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, "tests", "baselines"), "backtest-*.json").Order(StringComparer.Ordinal))
            data.Add(Path.GetFileName(file));
        return data;
    }

    [Theory]
    [MemberData(nameof(CommittedBaselines))]
    [Trait("Req", "REQ-BT3")]
    public async Task The_shipped_data_still_matches_its_committed_baseline_within_two_percent(string baselineName)
    {
        var baseline = Path.Combine(RepoPaths.Root, "tests", "baselines", baselineName);
        var ownConfig = Path.ChangeExtension(baseline, ".config");
        var config = Directory.Exists(ownConfig) ? ownConfig : RepoPaths.Config;
        var candles = BaselineMetrics.ReadFile(baseline).Candles.Select(c => Path.Combine(RepoPaths.Root, c)).ToArray();
        Assert.NotEmpty(candles);

        var (exit, output, error) = await BacktestCli.Run(config, _dir.File("var"),
            ["--candles", .. candles, "--report", _dir.File("r.json"), "--baseline", baseline]);

        Assert.True(exit == 0, output + error);
        Assert.Contains("baseline: every metric within the limit", output);
        Assert.True(BaselineMetrics.ReadFile(baseline).Trades > 0, "a baseline without trades gates nothing");
    }

    [Fact]
    [Trait("Req", "REQ-BT3")]
    public void A_three_percent_deviation_fails_and_one_percent_passes_for_every_metric()
    {
        var old = Metrics(100m, 5m, 100, 40m);
        Assert.All(BaselineGate.Compare(old, Metrics(101m, 5.05m, 101, 40.4m)), d => Assert.True(d.WithinLimit, d.Name));
        Assert.All(BaselineGate.Compare(old, Metrics(99m, 4.95m, 99, 39.6m)), d => Assert.True(d.WithinLimit, d.Name));

        var worse = BaselineGate.Compare(old, Metrics(103m, 5.15m, 103, 41.2m));
        Assert.All(worse, d => Assert.False(d.WithinLimit, d.Name));
        Assert.Equal(3m, worse[0].DeviationPct);
        Assert.Equal(["net_pnl", "max_drawdown_pct", "trades", "fees"], worse.Select(d => d.Name));
        Assert.False(BaselineGate.Compare(old, Metrics(-97m, 5m, 100, 40m))[0].WithinLimit);
    }

    [Fact]
    [Trait("Req", "REQ-BT3")]
    public void Values_near_zero_are_measured_against_a_floor_instead_of_themselves()
    {
        // Net PnL 0.10 → 0.11 USD is 10 % of itself but 1 % of the 1 USD floor (0.01 % of 10,000): noise, passes.
        Assert.True(BaselineGate.Compare(Metrics(0.10m, 0m, 0, 0m), Metrics(0.11m, 0m, 0, 0m))[0].WithinLimit);
        // … 0.10 → 0.13 is 3 % of the floor: fails. Zero stays zero: passes.
        Assert.False(BaselineGate.Compare(Metrics(0.10m, 0m, 0, 0m), Metrics(0.13m, 0m, 0, 0m))[0].WithinLimit);
        Assert.All(BaselineGate.Compare(Metrics(0m, 0m, 0, 0m), Metrics(0m, 0m, 0, 0m)), d => Assert.True(d.WithinLimit));
        // A first trade where there was none is a change, not noise.
        Assert.False(BaselineGate.Compare(Metrics(0m, 0m, 0, 0m), Metrics(0m, 0m, 1, 0m))[2].WithinLimit);
    }

    [Fact]
    [Trait("Req", "REQ-BT3")]
    public async Task The_command_prints_old_new_and_deviation_per_metric_and_exits_1_on_a_deviation_above_two_percent()
    {
        var config = TinyMarket.Config(_dir.Path);
        var candles = TinyMarket.WriteCandles(_dir.Path);
        var baseline = _dir.File("baseline.json");
        var made = await BacktestCli.Run(config, _dir.File("var"), "--candles", candles, "--report", _dir.File("r.json"), "--baseline", baseline, "--update-baseline");
        Assert.True(made.Exit == 0, made.Err);
        Assert.Contains("baseline updated", made.Out);
        var net = BaselineMetrics.ReadFile(baseline).NetPnl;
        Assert.True(net > 1m);

        SetNet(baseline, net * 1.01m);
        var close = await BacktestCli.Run(config, _dir.File("var"), "--candles", candles, "--report", _dir.File("r.json"), "--baseline", baseline);
        Assert.Equal(0, close.Exit);
        Assert.Matches(@"net_pnl\s+old\s+[0-9.]+\s+new\s+[0-9.]+\s+deviation\s+0\.99\d* %\s+ok", close.Out);

        SetNet(baseline, net * 1.03m);
        var far = await BacktestCli.Run(config, _dir.File("var"), "--candles", candles, "--report", _dir.File("r.json"), "--baseline", baseline);
        Assert.Equal(1, far.Exit);
        Assert.Matches(@"net_pnl\s+old\s+[0-9.]+\s+new\s+[0-9.]+\s+deviation\s+2\.91\d* %\s+FAIL", far.Out);
        Assert.Matches(@"trades\s+old\s+1\s+new\s+1\s+deviation\s+0 %\s+ok", far.Out);
        Assert.Contains("net_pnl deviate more than 2 %", far.Err);
        Assert.True(File.Exists(_dir.File("r.json")));
    }

    private static void SetNet(string path, decimal value)
    {
        var json = JsonNode.Parse(File.ReadAllText(path))!;
        json["net_pnl"] = Math.Round(value, 8).ToString(System.Globalization.CultureInfo.InvariantCulture);
        File.WriteAllText(path, json.ToJsonString());
    }
}
