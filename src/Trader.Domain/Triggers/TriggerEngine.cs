using System.Globalization;
using Trader.Domain.Config;
using Trader.Domain.Regime;
using Trader.Domain.Universe;

namespace Trader.Domain.Triggers;

/// <summary>
/// REQ-S1: deterministic triggers from each eligible product's current <see cref="IndicatorReading"/>.
/// Per product the strongest candidate (score = strength × confidence) is kept when score ≥
/// policy.triggers.min_score; across products the strongest max_triggers_per_cycle are kept (ties by product
/// id). Strength/confidence numbers are the reference bot's (docs/DECISIONS.md), moves are signed.
/// </summary>
public static class TriggerEngine
{
    public const decimal BreakoutNearHigh = 0.995m;

    public static TriggerScan Scan(
        EligibleUniverse universe,
        IReadOnlyDictionary<string, IndicatorReading> indicators,
        RegimeAssessment regime,
        TraderConfig config)
    {
        var thresholds = TriggerThresholds.For(regime.Regime, config);
        var minScore = config.Policy.Triggers.MinScore;
        var fired = new List<TriggerSignal>();
        foreach (var member in universe.Members)
        {
            if (!indicators.TryGetValue(member.ProductId, out var reading)) continue;
            var strongest = Strongest(member.ProductId, reading, thresholds, config.Signals.Triggers);
            if (strongest is not null && strongest.Score >= minScore) fired.Add(strongest);
        }

        var ranked = fired
            .OrderByDescending(s => s.Score)
            .ThenBy(s => s.ProductId, StringComparer.Ordinal)
            .Take(Math.Max(0, config.Signals.Triggers.MaxTriggersPerCycle))
            .ToList();
        return new TriggerScan(ranked, fired.Count);
    }

    /// <summary>All candidates of one product, in <see cref="TriggerKind"/> order (only_upside drops falling ones).</summary>
    public static IReadOnlyList<TriggerSignal> Candidates(
        string productId, IndicatorReading reading, TriggerThresholds thresholds, SignalTriggersSection signals)
    {
        var result = new List<TriggerSignal>(4);
        if (reading.Close is not { } close) return result;

        AddPriceMove(result, productId, reading, thresholds, close);
        AddVolumeSpike(result, productId, reading, thresholds, close);
        if (reading.LookbackHigh is { } high && reading.LookbackLow is { } low && high > low && close >= BreakoutNearHigh * high)
        {
            result.Add(new TriggerSignal(productId, TriggerKind.Breakout, TriggerDirection.Up, 0.7m, 0.8m, close,
                $"close {F(close)} ≥ 0.995 × lookback high {F(high)}"));
        }
        AddMomentum(result, productId, reading, signals.Momentum, close);

        if (signals.OnlyUpside) result.RemoveAll(s => s.Direction == TriggerDirection.Down);
        return result;
    }

    private static TriggerSignal? Strongest(string productId, IndicatorReading reading, TriggerThresholds thresholds, SignalTriggersSection signals)
    {
        TriggerSignal? best = null;
        foreach (var candidate in Candidates(productId, reading, thresholds, signals))
            if (best is null || candidate.Score > best.Score) best = candidate;
        return best;
    }

    private static void AddPriceMove(List<TriggerSignal> result, string productId, IndicatorReading r, TriggerThresholds t, decimal close)
    {
        foreach (var direction in new[] { TriggerDirection.Up, TriggerDirection.Down })
        {
            var sign = direction == TriggerDirection.Up ? 1m : -1m;
            var hit15 = r.Change15mPct is { } m15 && sign * m15 >= t.Pct15m;
            var hit60 = r.Change60mPct is { } m60 && sign * m60 >= t.Pct60m;
            if (!hit15 && !hit60) continue;
            var (strength, confidence) = (hit15, hit60) switch
            {
                (true, true) => (0.8m, 0.85m),
                (true, false) => (0.6m, 0.7m),
                _ => (0.7m, 0.75m),
            };
            result.Add(new TriggerSignal(productId, TriggerKind.PriceMove, direction, strength, confidence, close,
                $"15m {F(r.Change15mPct)} % (±{F(t.Pct15m)}), 60m {F(r.Change60mPct)} % (±{F(t.Pct60m)})"));
        }
    }

    private static void AddVolumeSpike(List<TriggerSignal> result, string productId, IndicatorReading r, TriggerThresholds t, decimal close)
    {
        if (r.VolumeRatio is not { } ratio || ratio < t.VolumeRatio1h) return;
        var strength = Clamp01((ratio - 1m) / 3m);
        var confidence = Clamp01(ratio / 4m);
        var direction = r.Change60mPct is { } m60 && m60 < 0m ? TriggerDirection.Down : TriggerDirection.Up;
        result.Add(new TriggerSignal(productId, TriggerKind.VolumeSpike, direction, strength, confidence, close,
            $"1h volume {F(ratio)}× the 24h hourly average (≥ {F(t.VolumeRatio1h)})"));
    }

    private static void AddMomentum(List<TriggerSignal> result, string productId, IndicatorReading r, MomentumSection m, decimal close)
    {
        if (r.MomentumReturnPct is not { } ret || r.MomentumSameSignShare is not { } share) return;
        if (Math.Abs(ret) < m.MinReturnPct || m.FullStrengthReturnPct <= 0m) return;
        var strength = Clamp01(Math.Abs(ret) / m.FullStrengthReturnPct);
        var direction = ret > 0m ? TriggerDirection.Up : TriggerDirection.Down;
        result.Add(new TriggerSignal(productId, TriggerKind.Momentum, direction, strength, Clamp01(share), close,
            $"{F(m.LookbackHours)}h return {F(ret)} %, {F(share * 12m)}/12 hourly returns agree"));
    }

    private static decimal Clamp01(decimal value) => Math.Min(1m, Math.Max(0m, value));

    private static string F(decimal? value) =>
        value is { } v ? Math.Round(v, 4).ToString(CultureInfo.InvariantCulture) : "n/a";
}
