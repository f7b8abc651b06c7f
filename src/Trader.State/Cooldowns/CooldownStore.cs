using Microsoft.Data.Sqlite;
using Trader.State.Storage;

namespace Trader.State.Cooldowns;

/// <summary>One cooldown per product (a new one replaces the old): survives restarts so a stop-out stays cooled.</summary>
public sealed class CooldownStore
{
    private readonly StateStore _db;
    private readonly SqliteCommand _upsert;
    private readonly SqliteCommand _active;
    private readonly SqliteCommand _clear;

    internal CooldownStore(StateStore db)
    {
        _db = db;
        _upsert = db.Prepare(
            """
            INSERT INTO cooldowns (product_id, until_ts, reason, set_ts) VALUES ($product, $until, $reason, $ts)
            ON CONFLICT (product_id) DO UPDATE SET until_ts = $until, reason = $reason, set_ts = $ts
            """,
            "$product", "$until", "$reason", "$ts");
        _active = db.Prepare("SELECT product_id, until_ts, reason, set_ts FROM cooldowns WHERE until_ts > $now ORDER BY product_id", "$now");
        _clear = db.Prepare("DELETE FROM cooldowns WHERE product_id = $product", "$product");
    }

    public void Set(CooldownRecord cooldown)
    {
        lock (_db.Gate)
        {
            var p = _db.Use(_upsert).Parameters;
            p["$product"].Value = cooldown.ProductId;
            p["$until"].Value = SqlValues.Time(cooldown.Until);
            p["$reason"].Value = cooldown.Reason;
            p["$ts"].Value = SqlValues.Time(cooldown.SetTs);
            _upsert.ExecuteNonQuery();
        }
    }

    /// <summary>Cooldowns still running at <paramref name="now"/>.</summary>
    public IReadOnlyList<CooldownRecord> Active(DateTimeOffset now)
    {
        lock (_db.Gate)
        {
            _db.Use(_active).Parameters["$now"].Value = SqlValues.Time(now);
            using var reader = _active.ExecuteReader();
            var list = new List<CooldownRecord>();
            while (reader.Read())
                list.Add(new CooldownRecord(reader.GetString(0), SqlValues.ReadTime(reader.GetString(1)), reader.GetString(2), SqlValues.ReadTime(reader.GetString(3))));
            return list;
        }
    }

    public bool Clear(string productId)
    {
        lock (_db.Gate)
        {
            _db.Use(_clear).Parameters["$product"].Value = productId;
            return _clear.ExecuteNonQuery() == 1;
        }
    }
}
