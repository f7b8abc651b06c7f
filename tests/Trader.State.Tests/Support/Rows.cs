using Trader.Domain.Trading;
using Trader.State.Fills;
using Trader.State.Orders;

namespace Trader.State.Tests.Support;

/// <summary>Builders for the order and fill rows the store tests write.</summary>
internal static class Rows
{
    public static readonly DateTimeOffset T0 = new(2025, 1, 6, 12, 0, 0, TimeSpan.Zero);

    public static OrderRecord Limit(string coid, OrderSide side = OrderSide.Buy, decimal size = 1m, decimal price = 100m,
        string product = "BTC-USD", OrderStatus status = OrderStatus.PendingSubmit, DateTimeOffset? ts = null) => new()
    {
        ClientOrderId = coid,
        ProductId = product,
        Side = side,
        OrderType = "limit_limit_gtc",
        Price = price,
        Size = size,
        Status = status,
        Mode = TradingMode.Paper,
        CreatedTs = ts ?? T0,
        UpdatedTs = ts ?? T0,
    };

    public static FillRecord Fill(string coid, string tradeId, decimal size, decimal price, decimal fee = 0m,
        OrderSide side = OrderSide.Buy, string product = "BTC-USD", DateTimeOffset? ts = null) => new()
    {
        ClientOrderId = coid,
        TradeId = tradeId,
        ProductId = product,
        Side = side,
        Price = price,
        Size = size,
        Fee = fee,
        Liquidity = Liquidity.Taker,
        Ts = ts ?? T0.AddSeconds(1),
    };
}
