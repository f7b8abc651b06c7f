using Trader.Testing;

namespace Trader.Host.Tests.Backtest;

/// <summary><c>trader backtest</c> usage errors: exit 2 with the problem on stderr, nothing written.</summary>
public sealed class BacktestCommandTests : IDisposable
{
    private readonly TempDir _dir = new("trader-bt-cmd-");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Unusable_candle_files_exit_2_listing_each_problem_and_write_no_report()
    {
        var bad = _dir.File("BTCUSD_bad.csv");
        File.WriteAllText(bad, "a,b,c\n1,2,3\n");
        var (exit, _, error) = await BacktestCli.Run(RepoPaths.Config, _dir.File("var"),
            "--candles", bad, _dir.File("nothing.csv"), "--report", _dir.File("r.json"));
        Assert.Equal(2, exit);
        Assert.Contains($"{bad}: line 1: unrecognised header 'a,b,c'", error);
        Assert.Contains($"{_dir.File("nothing.csv")}: file not found", error);
        Assert.False(File.Exists(_dir.File("r.json")));
    }

    [Fact]
    public async Task Update_baseline_needs_a_baseline_file_and_a_missing_baseline_is_a_usage_error()
    {
        var candles = TinyMarket.WriteCandles(_dir.Path);
        var (exit, _, error) = await BacktestCli.Run(RepoPaths.Config, _dir.File("var"), "--candles", candles, "--report", _dir.File("r.json"), "--update-baseline");
        Assert.Equal(2, exit);
        Assert.Contains("--update-baseline needs --baseline FILE", error);

        (exit, _, error) = await BacktestCli.Run(RepoPaths.Config, _dir.File("var"), "--candles", candles, "--report", _dir.File("r.json"), "--baseline", _dir.File("none.json"));
        Assert.Equal(2, exit);
        Assert.Contains("baseline not found (create it with --update-baseline)", error);
    }

    [Fact]
    public async Task A_run_with_redirected_stderr_prints_no_progress_and_a_summary_with_the_speed()
    {
        Assert.True(Console.IsErrorRedirected, "the test host redirects stderr");
        var candles = TinyMarket.WriteCandles(_dir.Path);
        var (exit, output, error) = await BacktestCli.Run(RepoPaths.Config, _dir.File("var"), "--candles", candles, "--report", _dir.File("r.json"));
        Assert.Equal(0, exit);
        Assert.Equal("", error);
        Assert.Contains("50 candles · 50 cycles", output);
        Assert.Contains("speed: 0 candles/s", output);
    }

    [Fact]
    public void The_progress_line_shows_the_share_done_and_the_time_left()
    {
        var line = Host.Backtest.ProgressBar.Line(250, 1000, TimeSpan.FromSeconds(10));
        Assert.Equal("\r[#######-----------------------]  25.0% 250/1,000 candles  ETA 00:30  ", line);
    }
}
