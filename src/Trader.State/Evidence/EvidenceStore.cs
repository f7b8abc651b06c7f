using Microsoft.Data.Sqlite;
using Trader.State.Storage;

namespace Trader.State.Evidence;

/// <summary>Append-only evidence for the go-live gates.</summary>
public sealed class EvidenceStore
{
    private readonly StateStore _db;
    private readonly SqliteCommand _insert;
    private readonly SqliteCommand _ofKind;

    internal EvidenceStore(StateStore db)
    {
        _db = db;
        _insert = db.Prepare("INSERT INTO evidence (kind, ts, payload_json) VALUES ($kind, $ts, $payload) RETURNING id", "$kind", "$ts", "$payload");
        _ofKind = db.Prepare("SELECT id, kind, ts, payload_json FROM evidence WHERE kind = $kind ORDER BY ts, id", "$kind");
    }

    public long Record(string kind, DateTimeOffset ts, string payloadJson)
    {
        lock (_db.Gate)
        {
            var p = _db.Use(_insert).Parameters;
            p["$kind"].Value = kind;
            p["$ts"].Value = SqlValues.Time(ts);
            p["$payload"].Value = payloadJson;
            return (long)_insert.ExecuteScalar()!;
        }
    }

    /// <summary>Every record of <paramref name="kind"/>, oldest first.</summary>
    public IReadOnlyList<EvidenceRecord> OfKind(string kind)
    {
        lock (_db.Gate)
        {
            _db.Use(_ofKind).Parameters["$kind"].Value = kind;
            using var r = _ofKind.ExecuteReader();
            var list = new List<EvidenceRecord>();
            while (r.Read()) list.Add(new EvidenceRecord(r.GetInt64(0), r.GetString(1), SqlValues.ReadTime(r.GetString(2)), r.GetString(3)));
            return list;
        }
    }

    public EvidenceRecord? Latest(string kind) => OfKind(kind).LastOrDefault();
}
