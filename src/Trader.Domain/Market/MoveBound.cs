namespace Trader.Domain.Market;

/// <summary>
/// Proves a percentage move under a threshold without the decimal division that measures it, for the checks
/// every product or position goes through every cycle (trigger moves, stop-loss / take-profit): |to − from| × 100
/// &lt; threshold × from × (1 − 1e-6) in binary floating point. Conversions and operations are exact to ~1e-16
/// relative for values within 1e12, far inside the margin for thresholds of at least 1e-6 %, and the decimal move
/// is exact to ~1e-25; anything else (NaN included) answers "may", and the caller decides on the exact decimals,
/// so no decision ever rests on a double.
/// </summary>
internal static class MoveBound
{
    private const double BoundApprox = 1e12;
    private const double MinThreshold = 0.000001;

    /// <summary>The slack every bound keeps: 1 − 1e-6.</summary>
    public const double Margin = 1 - 1e-6;

    /// <summary>
    /// A threshold as <see cref="MayReach"/> takes it: a <see cref="double"/> within the proven range, else NaN. The range
    /// is checked on the converted value (a conversion keeps order, and one that rounds onto a bound is as far inside the
    /// margin as the bound itself), as every cycle converts a few thresholds.
    /// </summary>
    public static double Of(decimal threshold) => (double)threshold is var value && value >= MinThreshold && value <= BoundApprox ? value : double.NaN;

    /// <summary>False only when |(to / from − 1) × 100| certainly stays under <paramref name="threshold"/> (an <see cref="Of"/> value).</summary>
    public static bool MayReach(double from, double to, double threshold)
    {
        if (!(from > 0d && from <= BoundApprox && to >= 0d && to <= BoundApprox && threshold > 0d)) return true;
        return Math.Abs(to - from) * 100d >= threshold * from * Margin;
    }

    /// <summary>
    /// (to / from − 1) × 100 in binary floating point when its size is certainly at least <paramref name="threshold"/>
    /// (an <see cref="Of"/> value), else NaN. Such a move is at least 1e-8 of <paramref name="from"/>, so the difference
    /// of the two conversions is exact to ~3e-8 relative, inside the margin: its sign is the decimal move's, and it
    /// serves as an approximation that <see cref="Above"/> can compare.
    /// </summary>
    public static double SurePct(double from, double to, double threshold)
    {
        if (!(from > 0d && from <= BoundApprox && to >= 0d && to <= BoundApprox && threshold > 0d)) return double.NaN;
        var move = (to - from) * 100d;
        return Math.Abs(move) > threshold * from * (2d - Margin) ? move / from : double.NaN;
    }

    /// <summary>Whether a value is one <see cref="MayReach"/> and the ratio bounds can take (0 ≤ value ≤ 1e12).</summary>
    public static bool InRange(double value) => value >= 0d && value <= BoundApprox;

    /// <summary>
    /// Whether <paramref name="value"/> is above <paramref name="limit"/> (both non-negative), when floating point alone
    /// can tell: true beyond 1e-6 above it, false beyond 1e-6 below it, null within the margin or for NaN. The caller
    /// decides a null on the exact decimals; the margin must exceed the relative error of its doubles.
    /// </summary>
    public static bool? Above(double value, double limit) =>
        value > limit * (2d - Margin) ? true
        : value < limit * Margin ? false
        : null;
}
