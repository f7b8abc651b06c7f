namespace Trader.Coinbase.Rest.Orders;

internal sealed record OrdersPage(IReadOnlyList<CoinbaseOrder>? Orders, bool HasNext, string? Cursor);
