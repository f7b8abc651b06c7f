using Trader.Domain.Config;

namespace Trader.Domain.Triggers;

/// <summary>The lookbacks an <see cref="IndicatorState"/> keeps, in minutes (from policy.triggers and signals.triggers).</summary>
public sealed record IndicatorSettings(int BreakoutLookbackMinutes, int MomentumLookbackMinutes)
{
    public const int ShortMoveMinutes = 15;
    public const int LongMoveMinutes = 60;
    public const int VolumeWindowMinutes = 24 * 60;
    public const int MomentumConfidenceHours = 12;

    public static IndicatorSettings From(TraderConfig config) => new(
        ToMinutes(config.Policy.Triggers.Breakout.LookbackHours),
        ToMinutes(config.Signals.Triggers.Momentum.LookbackHours));

    /// <summary>Ring capacity in minutes: the longest window plus the minute it is measured from.</summary>
    public int WindowMinutes => Math.Max(Math.Max(VolumeWindowMinutes, MomentumConfidenceHours * 60),
        Math.Max(BreakoutLookbackMinutes, MomentumLookbackMinutes)) + 1;

    private static int ToMinutes(decimal hours) => Math.Max(1, (int)Math.Round(hours * 60m, MidpointRounding.AwayFromZero));
}
