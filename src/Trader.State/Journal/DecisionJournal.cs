using Microsoft.Data.Sqlite;
using Trader.State.Storage;

namespace Trader.State.Journal;

/// <summary>
/// The decision journal: append-only. A batch handed in is one transaction (one fsync), which is what keeps a replay
/// writing thousands of rows fast.
/// </summary>
public sealed class DecisionJournal
{
    private const string Columns = "cycle_id, ts, product_id, kind, outcome, reason_code, payload_json, latency_us";

    private readonly StateStore _db;
    private readonly SqliteCommand _insert;
    private readonly SqliteCommand _forCycle;
    private readonly SqliteCommand _count;

    internal DecisionJournal(StateStore db)
    {
        _db = db;
        _insert = db.Prepare(
            $"INSERT INTO decision_journal ({Columns}) VALUES ($cycle, $ts, $product, $kind, $outcome, $reason, $payload, $latency)",
            "$cycle", "$ts", "$product", "$kind", "$outcome", "$reason", "$payload", "$latency");
        _forCycle = db.Prepare($"SELECT {Columns} FROM decision_journal WHERE cycle_id = $cycle ORDER BY id", "$cycle");
        _count = db.Prepare("SELECT COUNT(*) FROM decision_journal");
    }

    public void Append(DecisionEntry entry) => _db.InTransaction(() => Insert(entry));

    /// <summary>Appends every entry of <paramref name="batch"/> in one transaction.</summary>
    public void Append(IReadOnlyList<DecisionEntry> batch)
    {
        if (batch.Count == 0) return;
        _db.InTransaction(() =>
        {
            foreach (var entry in batch) Insert(entry);
        });
    }

    public IReadOnlyList<DecisionEntry> ForCycle(long cycleId)
    {
        lock (_db.Gate)
        {
            _db.Use(_forCycle).Parameters["$cycle"].Value = cycleId;
            using var r = _forCycle.ExecuteReader();
            var list = new List<DecisionEntry>();
            while (r.Read())
            {
                list.Add(new DecisionEntry
                {
                    CycleId = r.GetInt64(0),
                    Ts = SqlValues.ReadTime(r.GetString(1)),
                    ProductId = SqlValues.ReadTextOrNull(r.GetValue(2)),
                    Kind = r.GetString(3),
                    Outcome = r.GetString(4),
                    ReasonCode = SqlValues.ReadTextOrNull(r.GetValue(5)),
                    PayloadJson = SqlValues.ReadTextOrNull(r.GetValue(6)),
                    Latency = r.IsDBNull(7) ? null : TimeSpan.FromMicroseconds(r.GetInt64(7)),
                });
            }
            return list;
        }
    }

    public long Count()
    {
        lock (_db.Gate) return (long)_db.Use(_count).ExecuteScalar()!;
    }

    private void Insert(DecisionEntry entry)
    {
        var p = _db.Use(_insert).Parameters;
        p["$cycle"].Value = entry.CycleId;
        p["$ts"].Value = SqlValues.Time(entry.Ts);
        p["$product"].Value = SqlValues.TextOrNull(entry.ProductId);
        p["$kind"].Value = entry.Kind;
        p["$outcome"].Value = entry.Outcome;
        p["$reason"].Value = SqlValues.TextOrNull(entry.ReasonCode);
        p["$payload"].Value = SqlValues.TextOrNull(entry.PayloadJson);
        p["$latency"].Value = entry.Latency is { } latency ? (object)(latency.Ticks / TimeSpan.TicksPerMicrosecond) : DBNull.Value;
        _insert.ExecuteNonQuery();
    }
}
