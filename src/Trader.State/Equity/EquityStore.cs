using Microsoft.Data.Sqlite;
using Trader.State.Storage;

namespace Trader.State.Equity;

/// <summary>Equity marks over time: enough to rebuild the peak and the day's and week's start after a restart.</summary>
public sealed class EquityStore
{
    private readonly StateStore _db;
    private readonly SqliteCommand _insert;
    private readonly SqliteCommand _between;

    internal EquityStore(StateStore db)
    {
        _db = db;
        _insert = db.Prepare("INSERT INTO equity_marks (ts, nav) VALUES ($ts, $nav)", "$ts", "$nav");
        _between = db.Prepare("SELECT ts, nav FROM equity_marks WHERE ts >= $from AND ts < $to ORDER BY ts, id", "$from", "$to");
    }

    public void Mark(EquityMark mark)
    {
        lock (_db.Gate)
        {
            var p = _db.Use(_insert).Parameters;
            p["$ts"].Value = SqlValues.Time(mark.Ts);
            p["$nav"].Value = SqlValues.Money(mark.Nav);
            _insert.ExecuteNonQuery();
        }
    }

    /// <summary>Marks with <paramref name="from"/> ≤ ts &lt; <paramref name="to"/>, oldest first.</summary>
    public IReadOnlyList<EquityMark> Between(DateTimeOffset from, DateTimeOffset to)
    {
        lock (_db.Gate)
        {
            var p = _db.Use(_between).Parameters;
            p["$from"].Value = SqlValues.Time(from);
            p["$to"].Value = SqlValues.Time(to);
            using var r = _between.ExecuteReader();
            var list = new List<EquityMark>();
            while (r.Read()) list.Add(new EquityMark(SqlValues.ReadTime(r.GetString(0)), SqlValues.ReadMoney(r.GetString(1))));
            return list;
        }
    }
}
