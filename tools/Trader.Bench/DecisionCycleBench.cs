using System.Globalization;
using Trader.Domain.Config;
using Trader.Domain.Decisions;
using Trader.Domain.Market;
using Trader.Domain.Portfolio;
using Trader.Domain.Risk;
using Trader.Domain.Triggers;
using Trader.Pipeline.Candles;
using Trader.Pipeline.Clock;
using Trader.Pipeline.Decisions;
using Trader.Pipeline.Execution;
using Trader.Pipeline.Guards;
using Trader.Pipeline.Market;
using Trader.Pipeline.Scheduling;

/// <summary>
/// decision-cycle [--products 50] [--cycles 300] [--warmup 30] [--seed 1]: the real decision stages
/// (MarketState snapshot, IndicatorBook, DecisionEngine, journal rows, DRY_RUN execution port) over N synthetic
/// products with a day of one-minute history. Between cycles every product gets one new closed candle and a fresh
/// quote (one virtual minute). Latency is the pipeline's own per-cycle latency on the system stopwatch;
/// allocation is the process-wide allocated bytes across each RunCycleAsync call, averaged.
/// Last line: {"products":…,"cycles":…,"p50_us":…,"p99_us":…,"alloc_bytes_per_cycle":…}.
/// </summary>
internal static class DecisionCycleBench
{
    public static int Run(string[] args)
    {
        var products = Arg(args, "--products", 50);
        var cycles = Arg(args, "--cycles", 300);
        var warmup = Arg(args, "--warmup", 30);
        var seed = Arg(args, "--seed", 1);
        return RunAsync(products, cycles, warmup, seed).GetAwaiter().GetResult();
    }

    private static async Task<int> RunAsync(int productCount, int cycles, int warmup, int seed)
    {
        var ids = Enumerable.Range(0, productCount).Select(i => $"P{i:D3}-USD").ToArray();
        var config = ConfigFor(ids);
        var clock = new VirtualClock(new DateTimeOffset(2026, 1, 5, 0, 0, 0, TimeSpan.Zero));
        var time = new VirtualNowStopwatchTime(clock);
        var state = new MarketState(StalenessSettings.Default);
        var journal = new CountingJournal();
        var port = new DryRunExecutionPort(journal, time);
        var account = new FixedAccount(new PortfolioView(PortfolioState.AllCash(1_000_000m), [], [], [], SafetyState.Clear));
        await using var pipeline = new DecisionPipeline(new DecisionEngine(config), new IndicatorBook(IndicatorSettings.From(config)),
            state, account, journal, port, time, Console.Error.WriteLine);

        var random = new Random(seed);
        var prices = ids.ToDictionary(id => id, _ => 10m + (decimal)random.NextDouble() * 990m, StringComparer.Ordinal);
        var drifts = ids.ToDictionary(id => id, _ => (random.NextDouble() - 0.5) * 0.004, StringComparer.Ordinal);
        foreach (var id in ids)
            state.ApplyStatus(new StatusEvent(id, ProductStatus.Online, null, null, clock.Now, clock.Now));

        void Minute()
        {
            var start = clock.Now;
            clock.AdvanceTo(start + Candle.Length);
            foreach (var id in ids)
            {
                var open = prices[id];
                var close = decimal.Round(open * (decimal)(1.0 + drifts[id] + (random.NextDouble() - 0.5) * 0.002), 4);
                prices[id] = close;
                var candle = new ProductCandle(id, new Candle(start, open, Math.Max(open, close), Math.Min(open, close), close, 100m + random.Next(0, 50)));
                state.ApplyCandle(candle);
                pipeline.OnCandle(candle);
                var half = decimal.Round(close * 0.0001m, 4);
                state.ApplyQuote(new QuoteVerdict(id, new Quote(close - half, close + half, close, clock.Now, clock.Now), null, 0));
                state.ApplyTicker(new TickerEvent(id, close, close - half, 1m, close + half, 1m, 100_000_000m / close, clock.Now, clock.Now));
            }
        }

        for (var m = 0; m < 24 * 60; m++) Minute();

        var latencies = new List<double>(cycles);
        long allocated = 0;
        for (var c = 1; c <= warmup + cycles; c++)
        {
            Minute();
            var before = GC.GetTotalAllocatedBytes(precise: false);
            var result = await pipeline.RunCycleAsync(new CycleTick(c, clock.Now));
            var after = GC.GetTotalAllocatedBytes(precise: false);
            if (result.Outcome != CycleOutcomes.Completed)
            {
                Console.Error.WriteLine($"cycle {c} {result.Outcome}");
                return 1;
            }
            if (c <= warmup) continue;
            latencies.Add(result.Latency.TotalMicroseconds);
            allocated += after - before;
        }

        var counters = pipeline.Counters;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"approved {counters.Approved}, rejected {counters.RejectedByReason.Values.Sum()} ({string.Join(", ", counters.RejectedByReason.Select(kv => $"{kv.Key} {kv.Value}"))}), journal rows {journal.Rows}, dry-run orders {port.Orders.Count}"));
        latencies.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{{\"products\":{productCount},\"cycles\":{cycles},\"p50_us\":{Percentile(latencies, 50):F0},\"p99_us\":{Percentile(latencies, 99):F0},\"alloc_bytes_per_cycle\":{allocated / Math.Max(1, cycles)}}}"));
        return 0;
    }

    private static TraderConfig ConfigFor(string[] ids)
    {
        var config = new TraderConfig();
        var tiers = new Dictionary<string, TierConfig>(config.Universe.Tiers)
        {
            ["tier_1_core"] = config.Universe.Tiers["tier_1_core"] with { Symbols = ids },
        };
        return config with
        {
            Universe = config.Universe with { Tiers = tiers, Universe = config.Universe.Universe with { MaxUniverseSize = ids.Length } },
        };
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p / 100.0 * sorted.Count) - 1, 0, sorted.Count - 1)];

    private static int Arg(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
