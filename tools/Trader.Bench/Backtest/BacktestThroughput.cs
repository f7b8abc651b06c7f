using System.Diagnostics;
using System.Globalization;
using Trader.Domain.Market;
using Trader.Domain.Triggers;
using Trader.Host.Backtest;
using Trader.Host.Configuration;
using Trader.Host.Import;

namespace Trader.Bench.Backtest;

/// <summary>
/// Candle-backtest throughput (docs/BACKTEST.md "Speed"): one month × 10 products of one-minute candles through
/// <see cref="BacktestEngine"/> (the live DecisionEngine and IndicatorBook), on one thread, with the shipped config.
/// The ten series are the shipped 3-week BTC-USD file rotated by 2 days per product, repeated to 30 days and scaled
/// to each product's price level, so every product trades like a real market without shipping 10 more files.
/// Prints candles/s of the full run and of the indicator stages alone, so what dominates is visible.
/// <c>--alloc</c> adds the last run's allocations by type (sampled GC events).
/// Usage: <c>Trader.Bench backtest [--repo DIR] [--days N] [--products N] [--repeat N] [--alloc]</c>.
/// </summary>
public static class BacktestThroughput
{
    private static readonly (string Id, decimal Scale)[] Products =
    [
        ("BTC-USD", 1m), ("ETH-USD", 0.07m), ("SOL-USD", 0.004m), ("DOGE-USD", 0.002m), ("XRP-USD", 0.003m),
        ("ADA-USD", 0.0015m), ("AVAX-USD", 0.0012m), ("DOT-USD", 0.0009m), ("LINK-USD", 0.0011m), ("LTC-USD", 0.004m),
    ];

    public static int Run(string[] args)
    {
        var repo = Option(args, "--repo") ?? FindRepo();
        var days = int.Parse(Option(args, "--days") ?? "30", CultureInfo.InvariantCulture);
        var repeat = Math.Max(1, int.Parse(Option(args, "--repeat") ?? "1", CultureInfo.InvariantCulture));
        var count = Math.Min(Products.Length, int.Parse(Option(args, "--products") ?? "10", CultureInfo.InvariantCulture));
        var config = ConfigLoader.Load(Path.Combine(repo, "config")).Config ?? throw new InvalidOperationException("config invalid");
        var source = Path.Combine(repo, "data", "candles", "BTCUSD_1m_20230301_20230321.csv.gz");
        var (_, bars) = CandleCsvReader.Read(source, "BTC-USD", new ImportIssues());
        var data = Synthesize(bars, days, count);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"backtest throughput: {count} products × {days} days = {data.Candles:N0} candles"));

        var indicatorsOnly = Measure(() =>
        {
            var book = new IndicatorBook(IndicatorSettings.From(config));
            for (var i = 0; i < data.Series[0].Candles.Length; i++)
            {
                foreach (var series in data.Series) book.Update(series.ProductId, series.Candles[i]);
                _ = book.Readings;
            }
        });
        Report("IndicatorBook.Update + Readings per minute", data.Candles, indicatorsOnly);

        using var sampler = args.Contains("--alloc") ? new AllocationSampler() : null;
        var engine = new BacktestEngine(config, BacktestSettings.From(config, 0));
        BacktestResult? result = null;
        // The first run includes the JIT's tiering (its CPU counts: other threads of this process); later runs are warm.
        for (var run = 1; run <= repeat; run++)
        {
            if (sampler is not null) sampler.Recording = run == repeat;
            var full = Measure(() => result = engine.Run(data));
            Report($"full backtest (fills, indicators, views, DecisionEngine.Decide){(run == 1 ? "" : $", run {run}")}", data.Candles, full);
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"trades {result!.Trades.Count}, net PnL {Math.Round(result.NetPnl, 2)} USD, max drawdown {Math.Round(result.MaxDrawdownPct, 3)} %, {result.Cycles:N0} cycles, {result.Proposals:N0} proposals, rejections {string.Join(", ", result.RejectedByReason.Select(r => $"{r.Key} {r.Value:N0}"))}"));
        if (sampler is not null)
        {
            Console.WriteLine("allocations of the last run by type (sampled every ~100 KB):");
            foreach (var line in sampler.Top(25, data.Candles)) Console.WriteLine("  " + line);
        }
        return 0;
    }

    private static BacktestData Synthesize(List<SourceBar> bars, int days, int count)
    {
        var minutes = days * 24 * 60;
        var start = new DateTimeOffset(2023, 4, 1, 0, 0, 0, TimeSpan.Zero);
        var series = new List<BacktestSeries>();
        for (var p = 0; p < count; p++)
        {
            var (id, scale) = Products[p];
            var candles = new Candle[minutes];
            for (var k = 0; k < minutes; k++)
            {
                var b = bars[(k + p * 2880) % bars.Count];
                candles[k] = new Candle(start.AddMinutes(k), R(b.Open * scale), R(b.High * scale), R(b.Low * scale), R(b.Close * scale), Math.Round(b.Volume / scale, 8));
            }
            series.Add(new BacktestSeries(id, candles));
        }
        series.Sort((a, b) => string.CompareOrdinal(a.ProductId, b.ProductId));
        return new BacktestData(series, "synthetic", series.Sum(s => (long)s.Candles.Length), new ImportIssues());
    }

    private static decimal R(decimal price) => Math.Round(price, 6);

    private static (TimeSpan Wall, TimeSpan Cpu, long Bytes, int Gcs) Measure(Action action)
    {
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var bytes = GC.GetAllocatedBytesForCurrentThread();
        var gcs = GC.CollectionCount(0);
        var wall = Stopwatch.StartNew();
        action();
        wall.Stop();
        process.Refresh();
        return (wall.Elapsed, process.TotalProcessorTime - cpu, GC.GetAllocatedBytesForCurrentThread() - bytes, GC.CollectionCount(0) - gcs);
    }

    private static void Report(string what, long candles, (TimeSpan Wall, TimeSpan Cpu, long Bytes, int Gcs) t) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{what}: {candles / t.Wall.TotalSeconds:N0} candles/s wall ({t.Wall.TotalSeconds:0.00} s), {candles / t.Cpu.TotalSeconds:N0} candles/s of CPU ({t.Cpu.TotalSeconds:0.00} s), {t.Bytes / candles:N0} B allocated per candle, {t.Gcs} gen-0 GCs"));

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private static string FindRepo()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Trader.Streams.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Trader.Streams.sln not found; pass --repo DIR");
    }
}
