namespace Trader.Domain.Triggers;

/// <summary>The deterministic trigger families (REQ-S1). Ties in score go to the earlier one.</summary>
public enum TriggerKind
{
    PriceMove,
    VolumeSpike,
    Breakout,
    Momentum,
}
