using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using Trader.Domain.Config;
using Trader.Domain.Decisions;
using Trader.Domain.Market;
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
    private const double BreakoutNearHighApprox = (double)BreakoutNearHigh;

    public static TriggerScan Scan(
        EligibleUniverse universe,
        IReadOnlyDictionary<string, IndicatorReading> indicators,
        RegimeAssessment regime,
        TraderConfig config) =>
        Scan(universe, indicators, TriggerThresholds.For(regime.Regime, config), config);

    /// <summary>The scan with the regime's thresholds already looked up (<see cref="TriggerThresholds.For"/>).</summary>
    public static TriggerScan Scan(
        EligibleUniverse universe,
        IReadOnlyDictionary<string, IndicatorReading> indicators,
        TriggerThresholds thresholds,
        TraderConfig config)
    {
        var signals = config.Signals.Triggers;
        var minScore = config.Policy.Triggers.MinScore;
        var minScoreApprox = minScore >= 0m && minScore <= 1m ? (double)minScore : double.NaN;
        var momentumBound = MoveBound.Of(signals.Momentum.MinReturnPct);
        var members = universe.Members;
        // At most one per member; rented, as every cycle fills and sorts it and only the kept few outlive it.
        var fired = ArrayPool<Fired>.Shared.Rent(Math.Max(1, members.Count));
        var firedCount = 0;
        try
        {
            var buffer = new CandidateBuffer();
            Span<Candidate> candidates = buffer;
            for (var m = 0; m < members.Count; m++)
            {
                var member = members[m];
                if (!indicators.TryGetValue(member.ProductId, out var reading)) continue;
                var count = Fill(candidates, reading, thresholds, signals, momentumBound);
                if (count == 0) continue;
                var best = candidates[0];
                for (var i = 1; i < count; i++)
                    if (CompareScores(candidates[i], best) > 0) best = candidates[i];
                if (MoveBound.Above(best.ScoreApprox, minScoreApprox) ?? best.Score >= minScore)
                    fired[firedCount++] = new Fired(member.ProductId, best, reading);
            }

            // Strongest first, ties by product id (a total order: one candidate per product). Only the kept ones get
            // their reason text, so a cycle where every product fires formats max_triggers_per_cycle strings, not N.
            fired.AsSpan(0, firedCount).Sort(static (a, b) =>
            {
                var byScore = CompareScores(b.Candidate, a.Candidate);
                return byScore != 0 ? byScore : string.CompareOrdinal(a.ProductId, b.ProductId);
            });
            var kept = Math.Min(firedCount, Math.Max(0, signals.MaxTriggersPerCycle));
            var ranked = new List<TriggerSignal>(kept);
            for (var i = 0; i < kept; i++)
                ranked.Add(Signal(fired[i].ProductId, fired[i].Candidate, fired[i].Reading, thresholds, signals));
            return new TriggerScan(ranked, firedCount);
        }
        finally
        {
            ArrayPool<Fired>.Shared.Return(fired, clearArray: true);
        }
    }

    private readonly record struct Fired(string ProductId, Candidate Candidate, IndicatorReading Reading);

    /// <summary>All candidates of one product, in <see cref="TriggerKind"/> order (only_upside drops falling ones).</summary>
    public static IReadOnlyList<TriggerSignal> Candidates(
        string productId, IndicatorReading reading, TriggerThresholds thresholds, SignalTriggersSection signals)
    {
        var buffer = new CandidateBuffer();
        Span<Candidate> candidates = buffer;
        var count = Fill(candidates, reading, thresholds, signals, MoveBound.Of(signals.Momentum.MinReturnPct));
        var result = new List<TriggerSignal>(count);
        for (var i = 0; i < count; i++) result.Add(Signal(productId, candidates[i], reading, thresholds, signals));
        return result;
    }

    /// <summary>Room for one product's candidates on the stack: price move up and down, volume spike, breakout, momentum.</summary>
    [InlineArray(5)]
    private struct CandidateBuffer
    {
        private Candidate _first;
    }

    /// <summary>A candidate before its reason is written: what the ranking needs and nothing else.</summary>
    private readonly record struct Candidate(TriggerKind Kind, TriggerDirection Direction, decimal Strength, decimal Confidence)
    {
        /// <summary>
        /// The score in binary floating point: strength and confidence are in [0, 1], so it is exact to ~1e-15 (to ~1e-7
        /// for a momentum or volume candidate still to be divided out, inside the margin of every comparison).
        /// </summary>
        public double ScoreApprox { get; init; } = (double)Strength * (double)Confidence;

        /// <summary>
        /// A momentum or volume-spike candidate whose strength (and a volume spike's confidence) is divided out of the
        /// reading only when read (<see cref="DividedOut"/>): most such candidates lose the ranking to another trigger
        /// of their product, on their approximations.
        /// </summary>
        public IndicatorReading? PendingOf { get; private init; }

        public decimal FullStrengthReturnPct { get; private init; }

        public static Candidate MomentumLater(IndicatorReading reading, double returnPct, decimal confidence, decimal fullStrengthReturnPct) =>
            new(TriggerKind.Momentum, returnPct > 0d ? TriggerDirection.Up : TriggerDirection.Down, 0m, confidence)
            {
                ScoreApprox = Math.Min(1d, Math.Abs(returnPct) / (double)fullStrengthReturnPct) * (double)confidence,
                PendingOf = reading,
                FullStrengthReturnPct = fullStrengthReturnPct,
            };

        /// <summary>A volume spike of a ratio certainly at least 1.01 (so neither clamp can take it below zero).</summary>
        public static Candidate VolumeLater(IndicatorReading reading, double ratio, TriggerDirection direction) =>
            new(TriggerKind.VolumeSpike, direction, 0m, 0m)
            {
                ScoreApprox = Math.Min(1d, (ratio - 1d) / 3d) * Math.Min(1d, ratio / 4d),
                PendingOf = reading,
            };

        /// <summary>The exact score, multiplied (and divided out) only when two approximations are too close to tell apart.</summary>
        public decimal Score
        {
            get
            {
                var (strength, confidence) = PendingOf is { } reading
                    ? DividedOut(Kind, reading, FullStrengthReturnPct, Confidence)
                    : (Strength, Confidence);
                return strength * confidence;
            }
        }
    }

    /// <summary>
    /// The strength and confidence of a momentum (<paramref name="momentumConfidence"/> known) or volume-spike trigger whose
    /// values were left to be divided out of <paramref name="reading"/>: the candidate's near ties and the kept signal's
    /// first read (<see cref="TriggerSignal"/>) both take them here.
    /// </summary>
    internal static (decimal Strength, decimal Confidence) DividedOut(
        TriggerKind kind, IndicatorReading reading, decimal fullStrengthReturnPct, decimal momentumConfidence)
    {
        if (kind == TriggerKind.Momentum) return (MomentumStrength(reading.MomentumReturnPct!.Value, fullStrengthReturnPct), momentumConfidence);
        var ratio = reading.VolumeRatio!.Value;
        return (VolumeStrength(ratio), VolumeConfidence(ratio));
    }

    /// <summary>A momentum trigger's strength: |return| / full_strength_return_pct, clamped to [0, 1].</summary>
    private static decimal MomentumStrength(decimal returnPct, decimal fullStrengthReturnPct) =>
        Clamp01(Math.Abs(returnPct) / fullStrengthReturnPct);

    /// <summary>A volume spike's strength: (ratio − 1) / 3, clamped to [0, 1].</summary>
    private static decimal VolumeStrength(decimal ratio) => Clamp01((ratio - 1m) / 3m);

    /// <summary>A volume spike's confidence: ratio / 4, clamped to [0, 1].</summary>
    private static decimal VolumeConfidence(decimal ratio) => Clamp01(ratio / 4m);

    /// <summary>Whether a volume spike points down: its 60 m change is negative (told by the closes where they are far apart).</summary>
    private static bool FallsOver60m(IndicatorReading r) => r.Falls60mSurely() ?? (r.Change60mPct is { } m60 && m60 < 0m);

    /// <summary>
    /// The order of the exact scores: decided by the approximations when they are more than 1e-6 apart (far beyond
    /// their error, so the exact decimals are in the same order), else by the decimals. Every trigger check of a product
    /// that fires compares scores, and a 28-digit multiplication costs more than the rest of the comparison.
    /// </summary>
    private static int CompareScores(in Candidate a, in Candidate b) =>
        MoveBound.Above(a.ScoreApprox, b.ScoreApprox) == true ? 1
        : MoveBound.Above(b.ScoreApprox, a.ScoreApprox) == true ? -1
        : a.Score.CompareTo(b.Score);

    // The fixed-strength candidates, their score approximations multiplied once.
    private static readonly Candidate MoveBoth = new(TriggerKind.PriceMove, TriggerDirection.Up, 0.8m, 0.85m);
    private static readonly Candidate Move15m = new(TriggerKind.PriceMove, TriggerDirection.Up, 0.6m, 0.7m);
    private static readonly Candidate Move60m = new(TriggerKind.PriceMove, TriggerDirection.Up, 0.7m, 0.75m);
    private static readonly Candidate BreakoutUp = new(TriggerKind.Breakout, TriggerDirection.Up, 0.7m, 0.8m);

    private static int Fill(Span<Candidate> into, IndicatorReading r, TriggerThresholds t, SignalTriggersSection signals, double momentumBound)
    {
        if (r.Close is null) return 0;
        var n = 0;

        // A move under both thresholds in either direction fires neither way: proven without its division.
        var may15 = r.MayMove15m(t.Pct15mBound);
        var may60 = r.MayMove60m(t.Pct60mBound);
        // A move certainly past its threshold fires in the direction of its sign without its division.
        var sure15 = may15 ? r.Move15mSurelyReaching(t.Pct15mBound) : double.NaN;
        var sure60 = may60 ? r.Move60mSurelyReaching(t.Pct60mBound) : double.NaN;
        for (var up = 1; up >= 0 && (may15 || may60); up--)
        {
            // A signed move: the falling side compares the negated change (a sign flip, as × −1 was).
            var hit15 = may15 && (double.IsNaN(sure15)
                ? r.Change15mPct is { } m15 && (up == 1 ? m15 : -m15) >= t.Pct15m
                : up == 1 ? sure15 > 0d : sure15 < 0d);
            var hit60 = may60 && (double.IsNaN(sure60)
                ? r.Change60mPct is { } m60 && (up == 1 ? m60 : -m60) >= t.Pct60m
                : up == 1 ? sure60 > 0d : sure60 < 0d);
            if (!hit15 && !hit60) continue;
            var direction = up == 1 ? TriggerDirection.Up : TriggerDirection.Down;
            into[n++] = (hit15, hit60) switch
            {
                (true, true) => MoveBoth with { Direction = direction },
                (true, false) => Move15m with { Direction = direction },
                _ => Move60m with { Direction = direction },
            };
        }

        if (r.MayReachVolumeRatio(t.VolumeRatio1hBound))
        {
            // A ratio certainly past the threshold is ranked on its approximation, its direction told by the closes
            // where they are far enough apart; the rest divide.
            var sure = r.VolumeRatioSurelyReaching(t.VolumeRatio1hBound);
            if (!double.IsNaN(sure))
                into[n++] = Candidate.VolumeLater(r, sure, FallsOver60m(r) ? TriggerDirection.Down : TriggerDirection.Up);
            else if (r.VolumeRatio is { } ratio && ratio >= t.VolumeRatio1h)
                into[n++] = new Candidate(TriggerKind.VolumeSpike, FallsOver60m(r) ? TriggerDirection.Down : TriggerDirection.Up,
                    VolumeStrength(ratio), VolumeConfidence(ratio));
        }

        if (r.LookbackHigh is { } high && r.LookbackLow is { } low && high > low && r.CloseReaches(BreakoutNearHigh, BreakoutNearHighApprox))
            into[n++] = BreakoutUp;

        var m = signals.Momentum;
        if (r.MayMoveMomentum(momentumBound) && r.MomentumSameSignShare is { } share && m.FullStrengthReturnPct > 0m)
        {
            // A return certainly past the minimum has its direction and its score's approximation without the division.
            if (r.MomentumPctSurelyReaching(momentumBound) is var sure && !double.IsNaN(sure))
                into[n++] = Candidate.MomentumLater(r, sure, Clamp01(share), m.FullStrengthReturnPct);
            else if (r.MomentumReturnPct is { } ret && Math.Abs(ret) >= m.MinReturnPct)
                into[n++] = new Candidate(TriggerKind.Momentum, ret > 0m ? TriggerDirection.Up : TriggerDirection.Down,
                    MomentumStrength(ret, m.FullStrengthReturnPct), Clamp01(share));
        }

        if (!signals.OnlyUpside) return n;
        var kept = 0;
        for (var i = 0; i < n; i++)
            if (into[i].Direction != TriggerDirection.Down) into[kept++] = into[i];
        return kept;
    }

    private static TriggerSignal Signal(string productId, in Candidate c, IndicatorReading r, TriggerThresholds t, SignalTriggersSection signals)
    {
        var why = ReasonText.Later((c.Kind, r, t, signals.Momentum.LookbackHours), static s => Reason(s.Kind, s.r, s.t, s.LookbackHours));
        return c.PendingOf is null
            ? new(productId, c.Kind, c.Direction, c.Strength, c.Confidence, r.Close!.Value, why)
            : TriggerSignal.Later(productId, c.Kind, c.Direction, c.Confidence, r.Close!.Value, why, r, c.FullStrengthReturnPct);
    }

    private static string Reason(TriggerKind kind, IndicatorReading r, TriggerThresholds t, decimal momentumLookbackHours) => kind switch
    {
        TriggerKind.PriceMove => $"15m {F(r.Change15mPct)} % (±{F(t.Pct15m)}), 60m {F(r.Change60mPct)} % (±{F(t.Pct60m)})",
        TriggerKind.VolumeSpike => $"1h volume {F(r.VolumeRatio)}× the 24h hourly average (≥ {F(t.VolumeRatio1h)})",
        TriggerKind.Breakout => $"close {F(r.Close)} ≥ 0.995 × lookback high {F(r.LookbackHigh)}",
        _ => $"{F(momentumLookbackHours)}h return {F(r.MomentumReturnPct)} %, {F(r.MomentumSameSignShare * 12m)}/12 hourly returns agree",
    };

    private static decimal Clamp01(decimal value) => Math.Min(1m, Math.Max(0m, value));

    private static string F(decimal? value) =>
        value is { } v ? Math.Round(v, 4).ToString(CultureInfo.InvariantCulture) : "n/a";
}
