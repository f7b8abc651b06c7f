using System.Globalization;
using Trader.Domain.Decisions;
using Trader.Domain.Portfolio;
using Trader.Domain.Risk;
using Trader.Domain.Triggers;
using Trader.Pipeline.Decisions;
using Trader.Pipeline.Execution;
using Trader.Pipeline.Scheduling;

namespace Trader.Bench.Decisions;

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
        var market = new SyntheticMarket(productCount, seed);
        var clock = market.Clock;
        var time = new VirtualNowStopwatchTime(clock);
        var journal = new CountingJournal();
        var port = new DryRunExecutionPort(journal, time);
        var account = new FixedAccount(new PortfolioView(PortfolioState.AllCash(1_000_000m), [], [], [], SafetyState.Clear));
        await using var pipeline = new DecisionPipeline(new DecisionEngine(market.Config), new IndicatorBook(IndicatorSettings.From(market.Config)),
            market.State, account, journal, port, time, Console.Error.WriteLine);
        market.CandleClosed += pipeline.OnCandle;

        for (var m = 0; m < 24 * 60; m++) market.Minute();

        var latencies = new List<double>(cycles);
        long allocated = 0, allocatedFirstHalf = 0;
        for (var c = 1; c <= warmup + cycles; c++)
        {
            market.Minute();
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
            if (c - warmup <= cycles / 2) allocatedFirstHalf += after - before;
        }

        var counters = pipeline.Counters;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"approved {counters.Approved}, rejected {counters.RejectedByReason.Values.Sum()} ({string.Join(", ", counters.RejectedByReason.Select(kv => $"{kv.Key} {kv.Value}"))}), journal rows {journal.Rows}, dry-run orders {port.Orders.Count}"));
        var firstHalf = cycles / 2;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"allocated per cycle: first {firstHalf} cycles {allocatedFirstHalf / Math.Max(1, firstHalf)} B, last {cycles - firstHalf} cycles {(allocated - allocatedFirstHalf) / Math.Max(1, cycles - firstHalf)} B (history grows one minute per cycle)"));
        latencies.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{{\"products\":{productCount},\"cycles\":{cycles},\"p50_us\":{Percentile(latencies, 50):F0},\"p99_us\":{Percentile(latencies, 99):F0},\"alloc_bytes_per_cycle\":{allocated / Math.Max(1, cycles)}}}"));
        return 0;
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p / 100.0 * sorted.Count) - 1, 0, sorted.Count - 1)];

    private static int Arg(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
