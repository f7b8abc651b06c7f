using Trader.Domain.Triggers;

namespace Trader.Domain.Rules;

/// <summary>
/// Per-rule constants the configuration files do not carry: the maximum time a position opened by each
/// trigger family is held before it is exited (a fast signal is given less time than a trend).
/// </summary>
public static class RuleBook
{
    public static TimeSpan MaxHoldOf(TriggerKind kind) => kind switch
    {
        TriggerKind.PriceMove => TimeSpan.FromHours(24),
        TriggerKind.VolumeSpike => TimeSpan.FromHours(24),
        TriggerKind.Breakout => TimeSpan.FromHours(48),
        _ => TimeSpan.FromHours(72),
    };
}
