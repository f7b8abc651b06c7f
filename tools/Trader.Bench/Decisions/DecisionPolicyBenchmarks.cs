using BenchmarkDotNet.Attributes;
using Trader.Domain.Decisions;
using Trader.Domain.Portfolio;
using Trader.Domain.Risk;
using Trader.Domain.Triggers;

namespace Trader.Bench.Decisions;

/// <summary>
/// The pure policy (<see cref="DecisionEngine.Decide"/>: regime, universe, triggers, rules, risk, sizing) on the
/// snapshot of 50 synthetic products after a day of one-minute history, with allocations per call
/// ([MemoryDiagnoser]). The snapshot holds indicator readings, not candle arrays, so the cost is per product,
/// independent of history length. `dotnet run -c Release --project tools/Trader.Bench -- decision-policy`.
/// </summary>
[MemoryDiagnoser]
public class DecisionPolicyBenchmarks
{
    private DecisionEngine _engine = null!;
    private DecisionSnapshot _snapshot = null!;

    [Params(50)]
    public int Products { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var market = new SyntheticMarket(Products, seed: 1);
        var indicators = market.FollowWithIndicators();
        for (var m = 0; m <= 24 * 60; m++) market.Minute();
        _engine = new DecisionEngine(market.Config);
        _snapshot = SnapshotOf(market, indicators, cycleId: 1);
    }

    [Benchmark]
    public Decision Decide() => _engine.Decide(_snapshot);

    internal static DecisionSnapshot SnapshotOf(SyntheticMarket market, IndicatorBook indicators, long cycleId)
    {
        var now = market.Clock.Now;
        var markets = market.State.Snapshot(now).ToDictionary(v => v.ProductId, StringComparer.Ordinal);
        return new DecisionSnapshot(now, cycleId, markets, indicators.Readings, PortfolioState.AllCash(1_000_000m),
            [], [], [], SafetyState.Clear, indicators.Regime);
    }
}
