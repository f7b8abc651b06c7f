namespace Trader.State.Alerts;

/// <summary>Where an alert stands with one sink (webhook, escalation webhook, log…).</summary>
public enum AlertDeliveryState
{
    Pending,
    Delivered,
    Failed,
}
