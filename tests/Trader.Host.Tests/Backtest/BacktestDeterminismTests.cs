using System.IO.Compression;
using System.Text.Json;
using Trader.Host.Backtest;
using Trader.Host.Configuration;
using Trader.Testing;

namespace Trader.Host.Tests.Backtest;

/// <summary>REQ-BT1: the same data, config and seed give byte-identical reports; the seed only changes client order ids.</summary>
public sealed class BacktestDeterminismTests : IDisposable
{
    private readonly TempDir _dir = new("trader-bt-determinism-");

    public void Dispose() => _dir.Dispose();

    [Fact]
    [Trait("Req", "REQ-BT1")]
    public async Task Two_runs_of_three_days_of_the_shipped_two_product_data_write_identical_report_bytes_and_digest()
    {
        var config = Path.Combine(RepoPaths.Root, "tests", "baselines", "backtest-btcusd-btcusdc-2023-03.config");
        string[] candles = [FirstDays("BTCUSD_1m_20230301_20230321.csv.gz", 3), FirstDays("BTCUSDC_1m_20230301_20230321.csv.gz", 3)];
        var first = await BacktestCli.Run(config, _dir.File("var"), ["--candles", .. candles, "--seed", "7", "--report", _dir.File("a.json"), "--html", _dir.File("a.html")]);
        var second = await BacktestCli.Run(config, _dir.File("var"), ["--candles", .. candles.Reverse(), "--seed", "7", "--report", _dir.File("b.json"), "--html", _dir.File("b.html")]);
        Assert.True(first.Exit == 0, first.Err);
        Assert.True(second.Exit == 0, second.Err);

        var a = File.ReadAllBytes(_dir.File("a.json"));
        Assert.Equal(a, File.ReadAllBytes(_dir.File("b.json")));
        Assert.Equal(File.ReadAllBytes(_dir.File("a.html")), File.ReadAllBytes(_dir.File("b.html")));
        var report = JsonDocument.Parse(a).RootElement;
        Assert.True(report.GetProperty("trades").EnumerateArray().Select(t => t.GetProperty("product_id").GetString()).Distinct().Count() == 2,
            "both products trade");
        Assert.Equal(2 * 3 * 1440, report.GetProperty("candles").GetInt32());
        Assert.Equal(2, report.GetProperty("products").GetArrayLength());
    }

    [Fact]
    [Trait("Req", "REQ-BT1")]
    public async Task The_seed_changes_only_the_client_order_ids_and_the_digest_ignores_the_measured_speed()
    {
        var config = TinyMarket.Config(_dir.Path);
        var candles = TinyMarket.WriteCandles(_dir.Path);
        var runs = new Dictionary<string, JsonElement>();
        foreach (var (name, seed) in new[] { ("s1", "1"), ("s1again", "1"), ("s2", "2") })
        {
            var run = await BacktestCli.Run(config, _dir.File("var"), "--candles", candles, "--seed", seed, "--report", _dir.File(name + ".json"));
            Assert.True(run.Exit == 0, run.Err);
            runs[name] = JsonDocument.Parse(File.ReadAllText(_dir.File(name + ".json"))).RootElement;
        }

        Assert.Equal(File.ReadAllText(_dir.File("s1.json")), File.ReadAllText(_dir.File("s1again.json")));
        Assert.NotEqual(Ids(runs["s1"]), Ids(runs["s2"]));
        Assert.Equal(runs["s1"].GetProperty("trades").GetRawText(), runs["s2"].GetProperty("trades").GetRawText());
        Assert.Equal(runs["s1"].GetProperty("pnl").GetRawText(), runs["s2"].GetProperty("pnl").GetRawText());
        Assert.NotEqual(runs["s1"].GetProperty("digest").GetString(), runs["s2"].GetProperty("digest").GetString());
        Assert.Equal(2, runs["s2"].GetProperty("seed").GetInt32());

        var loaded = ConfigLoader.Load(config).Config!;
        var result = new BacktestEngine(loaded, BacktestSettings.From(loaded, 1)).Run(LoadTiny(candles));
        var slow = new BacktestRunInfo(50, 0, 1, "c", "d", 10);
        var fast = slow with { CandlesPerSecond = 2_000_000 };
        Assert.Equal(BacktestReportWriter.Digest(result, slow), BacktestReportWriter.Digest(result, fast));
        Assert.NotEqual(BacktestReportWriter.Digest(result, slow), BacktestReportWriter.Digest(result, slow with { Seed = 2 }));
    }

    [Fact]
    [Trait("Req", "REQ-BT2")]
    public void The_max_drawdown_is_exactly_the_largest_drawdown_of_the_equity_curve()
    {
        // The run divides a drawdown out only where floating point cannot rule out a new maximum: the maximum it reports
        // must be the largest of every minute's exact drawdown.
        var config = ConfigLoader.Load(Path.Combine(RepoPaths.Root, "config")).Config!;
        var data = LoadTiny(FirstDays("BTCUSD_1m_20230301_20230321.csv.gz", 4));
        var result = new BacktestEngine(config, BacktestSettings.From(config, 1)).Run(data);

        Assert.NotEmpty(result.Trades);
        Assert.True(result.MaxDrawdownPct > 0m);
        Assert.Equal(result.Equity.Max(p => p.DrawdownPct), result.MaxDrawdownPct);
    }

    /// <summary>The header and the first <paramref name="days"/> days of a shipped file, gzipped under the same name.</summary>
    private string FirstDays(string name, int days)
    {
        var path = _dir.File(name);
        using var input = new StreamReader(new GZipStream(File.OpenRead(Path.Combine(RepoPaths.Data, "candles", name)), CompressionMode.Decompress));
        using var output = new StreamWriter(new GZipStream(File.Create(path), CompressionLevel.Fastest));
        for (var i = 0; i <= days * 1440 && input.ReadLine() is { } line; i++) output.WriteLine(line);
        return path;
    }

    private static BacktestData LoadTiny(string path)
    {
        var problems = new List<string>();
        return CandleFiles.Load([CandleFileSpec.Parse(path)], VolumeUnit.Base, problems) ?? throw new InvalidOperationException(string.Join("; ", problems));
    }

    private static string Ids(JsonElement report) =>
        string.Join(",", report.GetProperty("orders").EnumerateArray().Select(o => o.GetProperty("client_order_id").GetString()));
}
