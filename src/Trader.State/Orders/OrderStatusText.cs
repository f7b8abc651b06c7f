namespace Trader.State.Orders;

/// <summary>The snake_case names the database stores for <see cref="OrderStatus"/>, and which statuses are working.</summary>
public static class OrderStatusText
{
    public static string ToText(this OrderStatus status) => status switch
    {
        OrderStatus.PendingSubmit => "pending_submit",
        OrderStatus.Ambiguous => "ambiguous",
        OrderStatus.Open => "open",
        OrderStatus.Filled => "filled",
        OrderStatus.Cancelled => "cancelled",
        OrderStatus.Rejected => "rejected",
        OrderStatus.Expired => "expired",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static OrderStatus Parse(string text) => text switch
    {
        "pending_submit" => OrderStatus.PendingSubmit,
        "ambiguous" => OrderStatus.Ambiguous,
        "open" => OrderStatus.Open,
        "filled" => OrderStatus.Filled,
        "cancelled" => OrderStatus.Cancelled,
        "rejected" => OrderStatus.Rejected,
        "expired" => OrderStatus.Expired,
        _ => throw new InvalidDataException($"unknown order status '{text}' in the state database"),
    };

    /// <summary>Pending, ambiguous and open orders may still trade: they are never purged and always reconciled.</summary>
    public static bool IsWorking(this OrderStatus status) =>
        status is OrderStatus.PendingSubmit or OrderStatus.Ambiguous or OrderStatus.Open;

    /// <summary>The SQL list of working statuses, for queries that must never touch a working order.</summary>
    internal const string WorkingSqlList = "('pending_submit', 'ambiguous', 'open')";
}
