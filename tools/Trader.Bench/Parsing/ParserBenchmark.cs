using BenchmarkDotNet.Running;

namespace Trader.Bench.Parsing;

/// <summary>The `parser` harness: runs <see cref="ParserBenchmarks"/> with BenchmarkDotNet (minutes; never in tests).</summary>
public static class ParserBenchmark
{
    public static int Run(string[] args)
    {
        BenchmarkRunner.Run<ParserBenchmarks>(args: args);
        return 0;
    }
}
