using Trader.Domain.Config;

namespace Trader.Pipeline.Guards;

/// <summary>
/// Outlier guard parameters (REQ-O1). <see cref="Sigma"/> and <see cref="Window"/> come from
/// <c>circuit_breakers.outlier_sigma</c> / <c>outlier_window_seconds</c>; the rest are guard constants:
/// <list type="bullet">
/// <item><see cref="MinSamples"/>: a tick is judged only when the window already holds this many accepted mids
/// (σ of fewer samples is noise); until then every tick with an acceptable spread is accepted.</item>
/// <item><see cref="SigmaFloorBps"/>: σ is never taken below this many bps of the mean, so a perfectly flat
/// window (σ = 0) does not turn a one-tick move into an "infinite-σ" outlier.</item>
/// <item><see cref="ShiftConfirmTicks"/>: after this many consecutive outlier rejections the guard treats the
/// move as a genuine level shift: it clears the window and accepts the tick (a lone spike is still rejected).</item>
/// </list>
/// </summary>
public sealed record OutlierSettings(
    double Sigma,
    TimeSpan Window,
    int MinSamples = 10,
    double SigmaFloorBps = 1.0,
    int ShiftConfirmTicks = 5)
{
    public static OutlierSettings Default { get; } = From(new CircuitBreakersSection());

    public static OutlierSettings From(CircuitBreakersSection breakers) =>
        new(breakers.OutlierSigma, TimeSpan.FromSeconds((double)breakers.OutlierWindowSeconds));
}
