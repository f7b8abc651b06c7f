using Microsoft.Data.Sqlite;
using Trader.State.Orders;
using Trader.State.Storage;

namespace Trader.State.Fills;

/// <summary>
/// Fills. Recording one is a single transaction over three tables: the fill row, its order's filled size, value, fees
/// and status, and the product's position (size, average cost, realized PnL, fees). A crash leaves all three or none.
/// </summary>
public sealed class FillStore
{
    private const string Columns = "client_order_id, trade_id, product_id, side, price, size, fee, liquidity, ts";

    private readonly StateStore _db;
    private readonly SqliteCommand _insert;
    private readonly SqliteCommand _orderFill;
    private readonly SqliteCommand _forOrder;

    internal FillStore(StateStore db)
    {
        _db = db;
        _insert = db.Prepare(
            $"INSERT OR IGNORE INTO fills ({Columns}) VALUES ($coid, $trade, $product, $side, $price, $size, $fee, $liq, $ts)",
            "$coid", "$trade", "$product", "$side", "$price", "$size", "$fee", "$liq", "$ts");
        _orderFill = db.Prepare(
            "UPDATE orders SET filled_size = $filled, filled_value = $value, fees = $fees, status = $status, updated_ts = $ts WHERE client_order_id = $coid",
            "$filled", "$value", "$fees", "$status", "$ts", "$coid");
        _forOrder = db.Prepare($"SELECT {Columns} FROM fills WHERE client_order_id = $coid ORDER BY ts, id", "$coid");
    }

    public FillOutcome Record(FillRecord fill)
    {
        if (fill.Size <= 0) throw new ArgumentOutOfRangeException(nameof(fill), fill.Size, "a fill's size must be positive");
        if (fill.Price <= 0) throw new ArgumentOutOfRangeException(nameof(fill), fill.Price, "a fill's price must be positive");
        return _db.InTransaction(() =>
        {
            var order = _db.Orders.Get(fill.ClientOrderId);
            if (order is null) return FillOutcome.UnknownOrder;

            var p = _db.Use(_insert).Parameters;
            p["$coid"].Value = fill.ClientOrderId;
            p["$trade"].Value = fill.TradeId;
            p["$product"].Value = fill.ProductId;
            p["$side"].Value = SqlValues.Side(fill.Side);
            p["$price"].Value = SqlValues.Money(fill.Price);
            p["$size"].Value = SqlValues.Money(fill.Size);
            p["$fee"].Value = SqlValues.Money(fill.Fee);
            p["$liq"].Value = LiquidityText(fill.Liquidity);
            p["$ts"].Value = SqlValues.Time(fill.Ts);
            if (_insert.ExecuteNonQuery() == 0) return FillOutcome.Duplicate;

            var filled = order.FilledSize + fill.Size;
            var status = order.Status;
            if (order.Size is { } size && filled >= size) status = OrderStatus.Filled;
            else if (status is OrderStatus.PendingSubmit or OrderStatus.Ambiguous) status = OrderStatus.Open;

            var o = _db.Use(_orderFill).Parameters;
            o["$filled"].Value = SqlValues.Money(filled);
            o["$value"].Value = SqlValues.Money(order.FilledValue + fill.Price * fill.Size);
            o["$fees"].Value = SqlValues.Money(order.Fees + fill.Fee);
            o["$status"].Value = status.ToText();
            o["$ts"].Value = SqlValues.Time(fill.Ts > order.UpdatedTs ? fill.Ts : order.UpdatedTs);
            o["$coid"].Value = fill.ClientOrderId;
            _orderFill.ExecuteNonQuery();

            _db.Positions.Apply(fill);
            return FillOutcome.Recorded;
        });
    }

    public IReadOnlyList<FillRecord> ForOrder(string clientOrderId)
    {
        lock (_db.Gate)
        {
            _db.Use(_forOrder).Parameters["$coid"].Value = clientOrderId;
            using var reader = _forOrder.ExecuteReader();
            var list = new List<FillRecord>();
            while (reader.Read()) list.Add(Read(reader));
            return list;
        }
    }

    private static FillRecord Read(SqliteDataReader r) => new()
    {
        ClientOrderId = r.GetString(0),
        TradeId = r.GetString(1),
        ProductId = r.GetString(2),
        Side = SqlValues.ReadSide(r.GetString(3)),
        Price = SqlValues.ReadMoney(r.GetString(4)),
        Size = SqlValues.ReadMoney(r.GetString(5)),
        Fee = SqlValues.ReadMoney(r.GetString(6)),
        Liquidity = r.GetString(7) switch
        {
            "maker" => Liquidity.Maker,
            "taker" => Liquidity.Taker,
            _ => Liquidity.Unknown,
        },
        Ts = SqlValues.ReadTime(r.GetString(8)),
    };

    private static string LiquidityText(Liquidity liquidity) => liquidity switch
    {
        Liquidity.Maker => "maker",
        Liquidity.Taker => "taker",
        _ => "unknown",
    };
}
