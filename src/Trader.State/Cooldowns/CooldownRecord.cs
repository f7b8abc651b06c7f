namespace Trader.State.Cooldowns;

/// <summary>No new entry on <see cref="ProductId"/> before <see cref="Until"/>; <see cref="Reason"/> is a reason code.</summary>
public sealed record CooldownRecord(string ProductId, DateTimeOffset Until, string Reason, DateTimeOffset SetTs)
{
    public bool IsActive(DateTimeOffset now) => now < Until;
}
