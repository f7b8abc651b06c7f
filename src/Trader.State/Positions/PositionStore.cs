using Microsoft.Data.Sqlite;
using Trader.Domain.Trading;
using Trader.State.Fills;
using Trader.State.Storage;

namespace Trader.State.Positions;

/// <summary>Positions per product, moved by fills (inside the fill's transaction) or set by reconciliation.</summary>
public sealed class PositionStore
{
    private const string Columns = "product_id, base_size, average_cost, realized_pnl, fees, updated_ts";

    private readonly StateStore _db;
    private readonly SqliteCommand _get;
    private readonly SqliteCommand _upsert;
    private readonly SqliteCommand _all;

    internal PositionStore(StateStore db)
    {
        _db = db;
        _get = db.Prepare($"SELECT {Columns} FROM positions WHERE product_id = $product", "$product");
        _upsert = db.Prepare(
            $"""
            INSERT INTO positions ({Columns}) VALUES ($product, $base, $avg, $pnl, $fees, $ts)
            ON CONFLICT (product_id) DO UPDATE SET base_size = $base, average_cost = $avg, realized_pnl = $pnl, fees = $fees, updated_ts = $ts
            """,
            "$product", "$base", "$avg", "$pnl", "$fees", "$ts");
        _all = db.Prepare($"SELECT {Columns} FROM positions ORDER BY product_id");
    }

    public PositionRecord? Get(string productId)
    {
        lock (_db.Gate)
        {
            _db.Use(_get).Parameters["$product"].Value = productId;
            using var reader = _get.ExecuteReader();
            return reader.Read() ? Read(reader) : null;
        }
    }

    public IReadOnlyList<PositionRecord> All()
    {
        lock (_db.Gate)
        {
            using var reader = _db.Use(_all).ExecuteReader();
            var list = new List<PositionRecord>();
            while (reader.Read()) list.Add(Read(reader));
            return list;
        }
    }

    public IReadOnlyList<PositionRecord> Open() => All().Where(p => p.IsOpen).ToList();

    /// <summary>Replaces a product's position (reconciliation with venue balances, or a paper wallet's start).</summary>
    public void Set(PositionRecord position)
    {
        lock (_db.Gate) Upsert(position);
    }

    /// <summary>Applies one fill; called by <see cref="FillStore.Record"/> inside its transaction.</summary>
    internal PositionRecord Apply(FillRecord fill)
    {
        var current = Get(fill.ProductId) ?? PositionRecord.Flat(fill.ProductId, fill.Ts);
        var next = Next(current, fill);
        Upsert(next);
        return next;
    }

    internal static PositionRecord Next(PositionRecord p, FillRecord fill)
    {
        var ts = fill.Ts > p.UpdatedTs ? fill.Ts : p.UpdatedTs;
        var fees = p.Fees + fill.Fee;
        if (fill.Side == OrderSide.Buy)
        {
            var size = p.BaseSize + fill.Size;
            var average = p.BaseSize <= 0m ? fill.Price : (p.BaseSize * p.AverageCost + fill.Size * fill.Price) / size;
            return p with { BaseSize = size, AverageCost = average, Fees = fees, UpdatedTs = ts };
        }

        var closed = Math.Min(fill.Size, Math.Max(p.BaseSize, 0m));
        var realized = p.RealizedPnl + (fill.Price - p.AverageCost) * closed;
        var remaining = p.BaseSize - fill.Size;
        return p with
        {
            BaseSize = remaining,
            AverageCost = remaining > 0m ? p.AverageCost : 0m,
            RealizedPnl = realized,
            Fees = fees,
            UpdatedTs = ts,
        };
    }

    private void Upsert(PositionRecord position)
    {
        var p = _db.Use(_upsert).Parameters;
        p["$product"].Value = position.ProductId;
        p["$base"].Value = SqlValues.Money(position.BaseSize);
        p["$avg"].Value = SqlValues.Money(position.AverageCost);
        p["$pnl"].Value = SqlValues.Money(position.RealizedPnl);
        p["$fees"].Value = SqlValues.Money(position.Fees);
        p["$ts"].Value = SqlValues.Time(position.UpdatedTs);
        _upsert.ExecuteNonQuery();
    }

    private static PositionRecord Read(SqliteDataReader r) => new(
        r.GetString(0),
        SqlValues.ReadMoney(r.GetString(1)),
        SqlValues.ReadMoney(r.GetString(2)),
        SqlValues.ReadMoney(r.GetString(3)),
        SqlValues.ReadMoney(r.GetString(4)),
        SqlValues.ReadTime(r.GetString(5)));
}
