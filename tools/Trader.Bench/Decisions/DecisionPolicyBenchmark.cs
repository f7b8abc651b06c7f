using BenchmarkDotNet.Running;

namespace Trader.Bench.Decisions;

/// <summary>The `decision-policy` harness: runs <see cref="DecisionPolicyBenchmarks"/> with BenchmarkDotNet (BenchmarkDotNet args pass through, e.g. --job short).</summary>
public static class DecisionPolicyBenchmark
{
    public static int Run(string[] args)
    {
        BenchmarkRunner.Run<DecisionPolicyBenchmarks>(args: args);
        return 0;
    }
}
