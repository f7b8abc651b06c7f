using System.IO.Compression;
using Trader.Host.Backtest;
using Trader.Testing;

namespace Trader.Host.Tests.Backtest;

/// <summary>Format detection, product inference and clear errors of the backtest's candle loading.</summary>
public sealed class CandleFilesTests : IDisposable
{
    private readonly TempDir _dir = new("trader-bt-files-");

    public void Dispose() => _dir.Dispose();

    private static (BacktestData? Data, List<string> Problems) Load(VolumeUnit unit, params string[] args)
    {
        var problems = new List<string>();
        return (CandleFiles.Load(args.Select(CandleFileSpec.Parse).ToList(), unit, problems), problems);
    }

    private static (BacktestData? Data, List<string> Problems) Load(params string[] args) => Load(VolumeUnit.Base, args);

    [Fact]
    public void Binance_us_gz_files_give_btc_usd_and_btc_usdc_from_their_names()
    {
        var (data, problems) = Load(
            Path.Combine(RepoPaths.Data, "candles", "BTCUSDC_1m_20230301_20230321.csv.gz"),
            Path.Combine(RepoPaths.Data, "candles", "BTCUSD_1m_20230301_20230321.csv.gz"));
        Assert.Empty(problems);
        Assert.Equal(["BTC-USD", "BTC-USDC"], data!.Series.Select(s => s.ProductId));
        Assert.All(data.Series, s => Assert.Equal(30_240, s.Candles.Length));
        Assert.Equal(new DateTimeOffset(2023, 3, 1, 0, 0, 0, TimeSpan.Zero), data.Series[0].Candles[0].Start);
        Assert.Equal(3.912156m, data.Series[0].Candles[0].Volume);
    }

    [Fact]
    public void Lean_minute_zips_take_the_product_from_their_folder_and_an_explicit_product_wins()
    {
        var trade = Path.Combine(RepoPaths.MarketData, "lean-coinbase", "minute", "btcusd", "20180404_trade.zip");
        var (data, problems) = Load(trade);
        Assert.Empty(problems);
        var series = Assert.Single(data!.Series);
        Assert.Equal("BTC-USD", series.ProductId);
        Assert.True(series.Candles.Length > 1000);

        var quote = Path.Combine(RepoPaths.MarketData, "lean-coinbase", "minute", "ethusd", "20180404_quote.zip");
        var (named, _) = Load("ETH-USD=" + quote);
        Assert.Equal("ETH-USD", Assert.Single(named!.Series).ProductId);
    }

    [Fact]
    public void Daily_files_are_read_but_refused_because_the_backtest_runs_on_one_minute_candles()
    {
        var (_, csv) = Load(Path.Combine(RepoPaths.MarketData, "coinbase-btc-daily", "BTCUSD_1d_candles_full.csv"));
        Assert.Contains("BTC-USD bars are 1.00:00:00 apart; the backtest runs on 1-minute candles", Assert.Single(csv));
        var (_, zip) = Load(Path.Combine(RepoPaths.MarketData, "lean-coinbase", "daily", "btcusd_trade.zip"));
        Assert.Contains("BTC-USD bars are 1.00:00:00 apart", Assert.Single(zip));
    }

    [Fact]
    public void A_generic_csv_is_read_a_bad_row_is_counted_and_quote_volume_is_converted_to_base()
    {
        var path = _dir.File("ETHUSD_test.csv");
        File.WriteAllText(path, "timestamp,open,high,low,close,volume\n" +
            "2024-01-01T00:00:00Z,100,101,99,100,1000\n" +
            "2024-01-01T00:01:00Z,100,oops,99,100,1000\n" +
            "2024-01-01T00:02:00Z,100,201,99,200,1000\n" +
            "2024-01-01T00:03:00Z,200,201,99,100,1000\n");
        var (data, problems) = Load(VolumeUnit.Quote, path);
        Assert.Empty(problems);
        var series = Assert.Single(data!.Series);
        Assert.Equal("ETH-USD", series.ProductId);
        Assert.Equal([10m, 5m, 10m], series.Candles.Select(c => c.Volume));
        Assert.Equal(1, data.Issues.BadLines);
        Assert.Equal(4, data.Rows);
        Assert.Contains("ETHUSD_test.csv:3: bad_number", Assert.Single(data.Issues.Examples));
    }

    [Fact]
    public void Unknown_layouts_and_names_are_problems_that_say_the_file_line_and_what_was_expected()
    {
        var header = _dir.File("BTCUSD_x.csv");
        File.WriteAllText(header, "when,price\n1,2\n");
        var noName = _dir.File("prices.csv");
        File.WriteAllText(noName, "timestamp,open,high,low,close,volume\n2024-01-01T00:00:00Z,1,1,1,1,1\n");
        var zip = _dir.File("BTCUSD_data.zip");
        using (var archive = ZipFile.Open(zip, ZipArchiveMode.Create))
        using (var writer = new StreamWriter(archive.CreateEntry("x.csv").Open()))
            writer.Write("hello,world\n");

        var (data, problems) = Load(header, noName, zip, _dir.File("missing.csv"));
        Assert.Null(data);
        Assert.Equal(4, problems.Count);
        Assert.StartsWith($"{header}: line 1: unrecognised header 'when,price': expected open_time,open,high,low,close,volume", problems[0]);
        Assert.Equal($"{noName}: cannot infer the product id from the file name; write PRODUCT=FILE (e.g. BTC-USD={noName})", problems[1]);
        Assert.StartsWith($"{zip}: line 1: unrecognised zip content 'hello,world'", problems[2]);
        Assert.Equal($"{_dir.File("missing.csv")}: file not found", problems[3]);

        var (named, none) = Load("BTC-USD=" + noName);
        Assert.Empty(none);
        Assert.Equal("BTC-USD", Assert.Single(named!.Series).ProductId);
    }
}
