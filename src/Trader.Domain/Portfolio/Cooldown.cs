using Trader.Domain.Config;

namespace Trader.Domain.Portfolio;

/// <summary>No new entry in <see cref="ProductId"/> before <see cref="Until"/> (REQ-CD1).</summary>
public sealed record Cooldown(string ProductId, DateTimeOffset Until, CooldownKind Kind)
{
    /// <summary>The cooldown a fill at <paramref name="filledAt"/> starts: risk.cooldown_minutes.</summary>
    public static Cooldown AfterFill(string productId, DateTimeOffset filledAt, RiskSection risk) =>
        new(productId, filledAt + TimeSpan.FromMinutes((double)risk.CooldownMinutes), CooldownKind.Fill);

    /// <summary>The cooldown a stop-out at <paramref name="stoppedAt"/> starts: risk.cooldown_after_stop_minutes.</summary>
    public static Cooldown AfterStop(string productId, DateTimeOffset stoppedAt, RiskSection risk) =>
        new(productId, stoppedAt + TimeSpan.FromMinutes((double)risk.CooldownAfterStopMinutes), CooldownKind.Stop);

    /// <summary>The cooldown that ends later; on a tie the stop-out one (the stricter reason), so the order of the inputs never matters.</summary>
    public static Cooldown Longer(Cooldown a, Cooldown b) =>
        b.Until > a.Until ? b
        : a.Until > b.Until ? a
        : b.Kind == CooldownKind.Stop ? b : a;
}
