using Trader.Domain.Config;

namespace Trader.Pipeline.Guards;

/// <summary>
/// Outlier guard parameters (REQ-O1). <see cref="Sigma"/> and <see cref="Window"/> come from
/// <c>circuit_breakers.outlier_sigma</c> / <c>outlier_window_seconds</c>; the rest are guard constants:
/// <list type="bullet">
/// <item><see cref="MinSamples"/>: a tick is judged only when the window already holds this many accepted mids
/// (σ of fewer samples is noise); until then every tick with an acceptable spread is accepted.</item>
/// <item><see cref="SigmaFloorBps"/>: σ is never taken below this many bps of the mean, so a flat or quiet window
/// (σ ≈ 0) does not turn an ordinary one-tick move into an "infinite-σ" outlier: with the defaults the smallest
/// jump ever called an outlier is 6 × 10 bps = 60 bps. (With a 1 bp floor the shipped 2018 LEAN capture lost
/// 1.6 % of its ticks to steps of 6–30 bps between minute bars; with 10 bps, 0.1 %.)</item>
/// <item><see cref="ShiftConfirmTicks"/>: after this many consecutive outlier rejections the guard treats the
/// move as a genuine level shift: it clears the window and accepts the tick (a lone spike is still rejected).</item>
/// </list>
/// </summary>
public sealed record OutlierSettings(
    double Sigma,
    TimeSpan Window,
    int MinSamples = 10,
    double SigmaFloorBps = 10.0,
    int ShiftConfirmTicks = 5)
{
    public static OutlierSettings Default { get; } = From(new CircuitBreakersSection());

    public static OutlierSettings From(CircuitBreakersSection breakers) =>
        new(breakers.OutlierSigma, TimeSpan.FromSeconds((double)breakers.OutlierWindowSeconds));
}
