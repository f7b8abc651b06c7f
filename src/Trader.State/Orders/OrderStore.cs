using Microsoft.Data.Sqlite;
using Trader.State.Storage;

namespace Trader.State.Orders;

/// <summary>
/// Orders and the client order id registry: a client order id is registered once (before the order is sent) and
/// never reused. Terminal statuses are sticky: a late "open" never revives a filled or cancelled order.
/// </summary>
public sealed class OrderStore
{
    private const string Columns = "client_order_id, product_id, side, order_type, price, size, quote_size, status, status_reason, " +
                                   "venue_order_id, mode, filled_size, filled_value, fees, created_ts, updated_ts, parent_client_order_id, chain_started_ts";

    private readonly StateStore _db;
    private readonly SqliteCommand _insert;
    private readonly SqliteCommand _get;
    private readonly SqliteCommand _getByVenue;
    private readonly SqliteCommand _updateStatus;
    private readonly SqliteCommand _working;

    internal OrderStore(StateStore db)
    {
        _db = db;
        _insert = db.Prepare(
            $"INSERT OR IGNORE INTO orders ({Columns}) VALUES ($coid, $product, $side, $type, $price, $size, $quote, $status, $reason, $venue, $mode, $filled, $value, $fees, $created, $updated, $parent, $chain)",
            "$coid", "$product", "$side", "$type", "$price", "$size", "$quote", "$status", "$reason", "$venue", "$mode", "$filled", "$value", "$fees", "$created", "$updated",
            "$parent", "$chain");
        _get = db.Prepare($"SELECT {Columns} FROM orders WHERE client_order_id = $coid", "$coid");
        _getByVenue = db.Prepare($"SELECT {Columns} FROM orders WHERE venue_order_id = $venue", "$venue");
        _updateStatus = db.Prepare(
            $"""
            UPDATE orders SET status = $status, status_reason = $reason, venue_order_id = COALESCE($venue, venue_order_id), updated_ts = $ts
            WHERE client_order_id = $coid AND (status IN {OrderStatusText.WorkingSqlList} OR status = $status)
            """,
            "$status", "$reason", "$venue", "$ts", "$coid");
        _working = db.Prepare($"SELECT {Columns} FROM orders WHERE status IN {OrderStatusText.WorkingSqlList} ORDER BY created_ts, client_order_id");
    }

    /// <summary>Registers a new order. False when the client order id is already registered (nothing is changed).</summary>
    public bool TryRegister(OrderRecord order)
    {
        ArgumentException.ThrowIfNullOrEmpty(order.ClientOrderId);
        lock (_db.Gate)
        {
            var p = _db.Use(_insert).Parameters;
            p["$coid"].Value = order.ClientOrderId;
            p["$product"].Value = order.ProductId;
            p["$side"].Value = SqlValues.Side(order.Side);
            p["$type"].Value = order.OrderType;
            p["$price"].Value = SqlValues.MoneyOrNull(order.Price);
            p["$size"].Value = SqlValues.MoneyOrNull(order.Size);
            p["$quote"].Value = SqlValues.MoneyOrNull(order.QuoteSize);
            p["$status"].Value = order.Status.ToText();
            p["$reason"].Value = SqlValues.TextOrNull(order.StatusReason);
            p["$venue"].Value = SqlValues.TextOrNull(order.VenueOrderId);
            p["$mode"].Value = SqlValues.Mode(order.Mode);
            p["$filled"].Value = SqlValues.Money(order.FilledSize);
            p["$value"].Value = SqlValues.Money(order.FilledValue);
            p["$fees"].Value = SqlValues.Money(order.Fees);
            p["$created"].Value = SqlValues.Time(order.CreatedTs);
            p["$updated"].Value = SqlValues.Time(order.UpdatedTs);
            p["$parent"].Value = SqlValues.TextOrNull(order.ParentClientOrderId);
            p["$chain"].Value = SqlValues.TimeOrNull(order.ChainStartedTs);
            return _insert.ExecuteNonQuery() == 1;
        }
    }

    /// <summary>
    /// Moves a working order to <paramref name="status"/> (and records the venue order id when given). False when the
    /// order is unknown or already terminal in another status.
    /// </summary>
    public bool UpdateStatus(string clientOrderId, OrderStatus status, DateTimeOffset ts, string? venueOrderId = null, string? reason = null)
    {
        lock (_db.Gate)
        {
            var p = _db.Use(_updateStatus).Parameters;
            p["$status"].Value = status.ToText();
            p["$reason"].Value = SqlValues.TextOrNull(reason);
            p["$venue"].Value = SqlValues.TextOrNull(venueOrderId);
            p["$ts"].Value = SqlValues.Time(ts);
            p["$coid"].Value = clientOrderId;
            return _updateStatus.ExecuteNonQuery() == 1;
        }
    }

    public OrderRecord? Get(string clientOrderId)
    {
        lock (_db.Gate)
        {
            _db.Use(_get).Parameters["$coid"].Value = clientOrderId;
            return ReadOne(_get);
        }
    }

    public OrderRecord? GetByVenueOrderId(string venueOrderId)
    {
        lock (_db.Gate)
        {
            _db.Use(_getByVenue).Parameters["$venue"].Value = venueOrderId;
            return ReadOne(_getByVenue);
        }
    }

    /// <summary>The order registered as the replacement of <paramref name="parentClientOrderId"/> (the first, if several), or null.</summary>
    public OrderRecord? ReplacementOf(string parentClientOrderId)
    {
        lock (_db.Gate)
        {
            using var command = _db.Prepare($"SELECT {Columns} FROM orders WHERE parent_client_order_id = $parent ORDER BY created_ts, client_order_id LIMIT 1", "$parent");
            _db.Use(command).Parameters["$parent"].Value = parentClientOrderId;
            return ReadOne(command);
        }
    }

    /// <summary>Pending, ambiguous and open orders, oldest first: what a restart must reconcile with the venue.</summary>
    public IReadOnlyList<OrderRecord> Working()
    {
        lock (_db.Gate) return ReadAll(_db.Use(_working));
    }

    /// <summary>Every order created at or after <paramref name="since"/>, oldest first.</summary>
    public IReadOnlyList<OrderRecord> CreatedSince(DateTimeOffset since)
    {
        lock (_db.Gate)
        {
            using var command = _db.Prepare($"SELECT {Columns} FROM orders WHERE created_ts >= $since ORDER BY created_ts, client_order_id", "$since");
            _db.Use(command).Parameters["$since"].Value = SqlValues.Time(since);
            return ReadAll(command);
        }
    }

    private static OrderRecord? ReadOne(SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        return reader.Read() ? Read(reader) : null;
    }

    private static IReadOnlyList<OrderRecord> ReadAll(SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        var list = new List<OrderRecord>();
        while (reader.Read()) list.Add(Read(reader));
        return list;
    }

    internal static OrderRecord Read(SqliteDataReader r) => new()
    {
        ClientOrderId = r.GetString(0),
        ProductId = r.GetString(1),
        Side = SqlValues.ReadSide(r.GetString(2)),
        OrderType = r.GetString(3),
        Price = SqlValues.ReadMoneyOrNull(r.GetValue(4)),
        Size = SqlValues.ReadMoneyOrNull(r.GetValue(5)),
        QuoteSize = SqlValues.ReadMoneyOrNull(r.GetValue(6)),
        Status = OrderStatusText.Parse(r.GetString(7)),
        StatusReason = SqlValues.ReadTextOrNull(r.GetValue(8)),
        VenueOrderId = SqlValues.ReadTextOrNull(r.GetValue(9)),
        Mode = SqlValues.ReadMode(r.GetString(10)),
        FilledSize = SqlValues.ReadMoney(r.GetString(11)),
        FilledValue = SqlValues.ReadMoney(r.GetString(12)),
        Fees = SqlValues.ReadMoney(r.GetString(13)),
        CreatedTs = SqlValues.ReadTime(r.GetString(14)),
        UpdatedTs = SqlValues.ReadTime(r.GetString(15)),
        ParentClientOrderId = SqlValues.ReadTextOrNull(r.GetValue(16)),
        ChainStartedTs = SqlValues.ReadTimeOrNull(r.GetValue(17)),
    };
}
