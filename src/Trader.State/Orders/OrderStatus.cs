namespace Trader.State.Orders;

/// <summary>
/// Where an order stands. <see cref="PendingSubmit"/> is written before the request leaves (so a crash mid-send is
/// never forgotten), <see cref="Ambiguous"/> when the outcome of a send is unknown (resolved by client order id, never
/// re-sent blindly). Filled, cancelled, rejected and expired are terminal.
/// </summary>
public enum OrderStatus
{
    PendingSubmit,
    Ambiguous,
    Open,
    Filled,
    Cancelled,
    Rejected,
    Expired,
}
