// Benchmarks and harnesses. Usage: dotnet run -c Release --project tools/Trader.Bench -- <name> [args]
var harnesses = new Dictionary<string, Func<string[], int>>(StringComparer.Ordinal)
{
    ["replay-throughput"] = Trader.Bench.Replay.ReplayThroughput.Run,
    ["decision-cycle"] = DecisionCycleBench.Run,
    ["parser"] = Trader.Bench.Parsing.ParserBenchmark.Run,
    ["backtest"] = Trader.Bench.Backtest.BacktestThroughput.Run,
};

if (args.Length == 0 || !harnesses.TryGetValue(args[0], out var run))
{
    Console.Error.WriteLine("usage: Trader.Bench <" + string.Join("|", harnesses.Keys) + "> [args]");
    return 2;
}
return run(args[1..]);
