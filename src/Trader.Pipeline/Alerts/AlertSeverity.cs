namespace Trader.Pipeline.Alerts;

/// <summary>Alert severities in rising order (CONTRACTS.md §7): info &lt; warning &lt; critical.</summary>
public enum AlertSeverity
{
    Info,
    Warning,
    Critical,
}
