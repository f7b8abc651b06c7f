namespace Trader.Domain.Portfolio;

/// <summary>Why a product is cooling down (REQ-CD1): after a fill, or after a stop-out.</summary>
public enum CooldownKind
{
    Fill,
    Stop,
}
