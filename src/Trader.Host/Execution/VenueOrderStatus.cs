namespace Trader.Host.Execution;

/// <summary>A venue order's state, reduced to what reconciliation acts on.</summary>
public enum VenueOrderStatus
{
    Open,
    Filled,
    Cancelled,
    Expired,
    Failed,
}
