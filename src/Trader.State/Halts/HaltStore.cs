using Microsoft.Data.Sqlite;
using Trader.State.Storage;

namespace Trader.State.Halts;

/// <summary>
/// Halts survive restarts: a gate activated before a crash is still active after it until cleared. At most one
/// active halt per gate and scope (activating again returns the existing one).
/// </summary>
public sealed class HaltStore
{
    private const string Columns = "id, gate, scope, halt_reason, activated_ts, cleared_ts, cleared_by, cleared_reason";

    private readonly StateStore _db;
    private readonly SqliteCommand _findActive;
    private readonly SqliteCommand _insert;
    private readonly SqliteCommand _clear;
    private readonly SqliteCommand _active;
    private readonly SqliteCommand _since;

    internal HaltStore(StateStore db)
    {
        _db = db;
        _findActive = db.Prepare($"SELECT {Columns} FROM halts WHERE gate = $gate AND scope = $scope AND cleared_ts IS NULL", "$gate", "$scope");
        _insert = db.Prepare(
            "INSERT INTO halts (gate, scope, halt_reason, activated_ts) VALUES ($gate, $scope, $reason, $ts) RETURNING id",
            "$gate", "$scope", "$reason", "$ts");
        _clear = db.Prepare(
            "UPDATE halts SET cleared_ts = $ts, cleared_by = $by, cleared_reason = $reason WHERE gate = $gate AND scope = $scope AND cleared_ts IS NULL",
            "$ts", "$by", "$reason", "$gate", "$scope");
        _active = db.Prepare($"SELECT {Columns} FROM halts WHERE cleared_ts IS NULL ORDER BY activated_ts, id");
        _since = db.Prepare($"SELECT {Columns} FROM halts WHERE activated_ts >= $since ORDER BY activated_ts, id", "$since");
    }

    /// <summary>Activates <paramref name="gate"/> in <paramref name="scope"/>, or returns the halt already active there.</summary>
    public HaltRecord Activate(string gate, string scope, string haltReason, DateTimeOffset ts) => _db.InTransaction(() =>
    {
        var existing = FindActive(gate, scope);
        if (existing is not null) return existing;
        var p = _db.Use(_insert).Parameters;
        p["$gate"].Value = gate;
        p["$scope"].Value = scope;
        p["$reason"].Value = haltReason;
        p["$ts"].Value = SqlValues.Time(ts);
        var id = (long)_insert.ExecuteScalar()!;
        return new HaltRecord(id, gate, scope, haltReason, ts, null, null, null);
    });

    /// <summary>Clears the active halt of <paramref name="gate"/> in <paramref name="scope"/>. False when none was active.</summary>
    public bool Clear(string gate, string scope, DateTimeOffset ts, string clearedBy, string clearedReason)
    {
        lock (_db.Gate)
        {
            var p = _db.Use(_clear).Parameters;
            p["$ts"].Value = SqlValues.Time(ts);
            p["$by"].Value = clearedBy;
            p["$reason"].Value = clearedReason;
            p["$gate"].Value = gate;
            p["$scope"].Value = scope;
            return _clear.ExecuteNonQuery() > 0;
        }
    }

    public HaltRecord? FindActive(string gate, string scope)
    {
        lock (_db.Gate)
        {
            var p = _db.Use(_findActive).Parameters;
            p["$gate"].Value = gate;
            p["$scope"].Value = scope;
            return ReadAll(_findActive).FirstOrDefault();
        }
    }

    public IReadOnlyList<HaltRecord> Active()
    {
        lock (_db.Gate) return ReadAll(_db.Use(_active));
    }

    /// <summary>Every halt activated at or after <paramref name="since"/>, cleared or not.</summary>
    public IReadOnlyList<HaltRecord> ActivatedSince(DateTimeOffset since)
    {
        lock (_db.Gate)
        {
            _db.Use(_since).Parameters["$since"].Value = SqlValues.Time(since);
            return ReadAll(_since);
        }
    }

    private static IReadOnlyList<HaltRecord> ReadAll(SqliteCommand command)
    {
        using var r = command.ExecuteReader();
        var list = new List<HaltRecord>();
        while (r.Read())
        {
            list.Add(new HaltRecord(
                r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), SqlValues.ReadTime(r.GetString(4)),
                SqlValues.ReadTimeOrNull(r.GetValue(5)), SqlValues.ReadTextOrNull(r.GetValue(6)), SqlValues.ReadTextOrNull(r.GetValue(7))));
        }
        return list;
    }
}
