using Microsoft.Data.Sqlite;
using Trader.State.Storage;

namespace Trader.State.Alerts;

/// <summary>Alerts and their delivery state per sink, so a restart knows what was sent, escalated or resolved.</summary>
public sealed class AlertStore
{
    private const string Columns = "id, kind, severity, product_id, message, dedupe_key, ts, escalated, escalated_ts, resolved, resolved_ts";

    private readonly StateStore _db;
    private readonly SqliteCommand _insert;
    private readonly SqliteCommand _delivery;
    private readonly SqliteCommand _escalate;
    private readonly SqliteCommand _resolve;
    private readonly SqliteCommand _deliveries;

    internal AlertStore(StateStore db)
    {
        _db = db;
        _insert = db.Prepare(
            "INSERT INTO alerts (kind, severity, product_id, message, dedupe_key, ts) VALUES ($kind, $severity, $product, $message, $key, $ts) RETURNING id",
            "$kind", "$severity", "$product", "$message", "$key", "$ts");
        _delivery = db.Prepare(
            """
            INSERT INTO alert_deliveries (alert_id, sink, state, attempts, last_attempt_ts, detail) VALUES ($id, $sink, $state, $attempts, $ts, $detail)
            ON CONFLICT (alert_id, sink) DO UPDATE SET state = $state, attempts = attempts + $attempts, last_attempt_ts = COALESCE($ts, last_attempt_ts), detail = $detail
            """,
            "$id", "$sink", "$state", "$attempts", "$ts", "$detail");
        _escalate = db.Prepare("UPDATE alerts SET escalated = 1, escalated_ts = $ts, severity = $severity WHERE id = $id AND escalated = 0", "$ts", "$severity", "$id");
        _resolve = db.Prepare("UPDATE alerts SET resolved = 1, resolved_ts = $ts WHERE id = $id AND resolved = 0", "$ts", "$id");
        _deliveries = db.Prepare("SELECT alert_id, sink, state, attempts, last_attempt_ts, detail FROM alert_deliveries WHERE alert_id = $id ORDER BY sink", "$id");
    }

    /// <summary>Stores a new alert with a pending delivery for each of <paramref name="sinks"/>; returns its id.</summary>
    public long Record(AlertRecord alert, IEnumerable<string> sinks) => _db.InTransaction(() =>
    {
        if (alert.Severity is not ("info" or "warning" or "critical"))
            throw new ArgumentException($"unknown alert severity '{alert.Severity}'", nameof(alert));
        var p = _db.Use(_insert).Parameters;
        p["$kind"].Value = alert.Kind;
        p["$severity"].Value = alert.Severity;
        p["$product"].Value = SqlValues.TextOrNull(alert.ProductId);
        p["$message"].Value = alert.Message;
        p["$key"].Value = alert.DedupeKey;
        p["$ts"].Value = SqlValues.Time(alert.Ts);
        var id = (long)_insert.ExecuteScalar()!;
        foreach (var sink in sinks)
            WriteDelivery(id, sink, AlertDeliveryState.Pending, attempts: 0, ts: null, detail: null);
        return id;
    });

    /// <summary>Records one delivery attempt's outcome for <paramref name="sink"/> (attempts are counted).</summary>
    public void RecordAttempt(long alertId, string sink, AlertDeliveryState state, DateTimeOffset ts, string? detail = null)
    {
        lock (_db.Gate) WriteDelivery(alertId, sink, state, attempts: 1, ts, detail);
    }

    /// <summary>Marks the alert escalated (once) at <paramref name="severity"/>. False when already escalated or unknown.</summary>
    public bool MarkEscalated(long alertId, string severity, DateTimeOffset ts)
    {
        lock (_db.Gate)
        {
            var p = _db.Use(_escalate).Parameters;
            p["$ts"].Value = SqlValues.Time(ts);
            p["$severity"].Value = severity;
            p["$id"].Value = alertId;
            return _escalate.ExecuteNonQuery() == 1;
        }
    }

    public bool MarkResolved(long alertId, DateTimeOffset ts)
    {
        lock (_db.Gate)
        {
            var p = _db.Use(_resolve).Parameters;
            p["$ts"].Value = SqlValues.Time(ts);
            p["$id"].Value = alertId;
            return _resolve.ExecuteNonQuery() == 1;
        }
    }

    /// <summary>Alerts raised at or after <paramref name="since"/>, oldest first, with their deliveries.</summary>
    public IReadOnlyList<AlertRecord> Since(DateTimeOffset since) =>
        Query($"SELECT {Columns} FROM alerts WHERE ts >= $since ORDER BY ts, id", ("$since", SqlValues.Time(since)));

    public IReadOnlyList<AlertRecord> Unresolved() =>
        Query($"SELECT {Columns} FROM alerts WHERE resolved = 0 ORDER BY ts, id");

    private IReadOnlyList<AlertRecord> Query(string sql, params (string Name, object Value)[] parameters)
    {
        lock (_db.Gate)
        {
            using var command = _db.Prepare(sql, parameters.Select(x => x.Name).ToArray());
            foreach (var (name, value) in parameters) command.Parameters[name].Value = value;
            var alerts = new List<AlertRecord>();
            using (var r = _db.Use(command).ExecuteReader())
            {
                while (r.Read())
                {
                    alerts.Add(new AlertRecord
                    {
                        Id = r.GetInt64(0),
                        Kind = r.GetString(1),
                        Severity = r.GetString(2),
                        ProductId = SqlValues.ReadTextOrNull(r.GetValue(3)),
                        Message = r.GetString(4),
                        DedupeKey = r.GetString(5),
                        Ts = SqlValues.ReadTime(r.GetString(6)),
                        Escalated = r.GetInt64(7) != 0,
                        EscalatedTs = SqlValues.ReadTimeOrNull(r.GetValue(8)),
                        Resolved = r.GetInt64(9) != 0,
                        ResolvedTs = SqlValues.ReadTimeOrNull(r.GetValue(10)),
                    });
                }
            }
            return alerts.Select(a => a with { Deliveries = DeliveriesOf(a.Id) }).ToList();
        }
    }

    private IReadOnlyList<AlertDelivery> DeliveriesOf(long alertId)
    {
        _db.Use(_deliveries).Parameters["$id"].Value = alertId;
        using var r = _deliveries.ExecuteReader();
        var list = new List<AlertDelivery>();
        while (r.Read())
        {
            var state = r.GetString(2) switch
            {
                "delivered" => AlertDeliveryState.Delivered,
                "failed" => AlertDeliveryState.Failed,
                _ => AlertDeliveryState.Pending,
            };
            list.Add(new AlertDelivery(r.GetString(1), state, r.GetInt32(3), SqlValues.ReadTimeOrNull(r.GetValue(4)), SqlValues.ReadTextOrNull(r.GetValue(5))));
        }
        return list;
    }

    private void WriteDelivery(long alertId, string sink, AlertDeliveryState state, int attempts, DateTimeOffset? ts, string? detail)
    {
        var p = _db.Use(_delivery).Parameters;
        p["$id"].Value = alertId;
        p["$sink"].Value = sink;
        p["$state"].Value = state switch
        {
            AlertDeliveryState.Delivered => "delivered",
            AlertDeliveryState.Failed => "failed",
            _ => "pending",
        };
        p["$attempts"].Value = attempts;
        p["$ts"].Value = SqlValues.TimeOrNull(ts);
        p["$detail"].Value = SqlValues.TextOrNull(detail);
        _delivery.ExecuteNonQuery();
    }
}
