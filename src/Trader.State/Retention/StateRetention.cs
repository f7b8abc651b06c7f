using Trader.State.Orders;
using Trader.State.Storage;

namespace Trader.State.Retention;

/// <summary>
/// Deletes state older than a cutoff (REQ-RET1) in one transaction: journal entries, alerts and their deliveries,
/// evidence, equity marks, expired cooldowns, cleared halts, and closed orders with their fills. Never a working
/// order (pending, ambiguous, open), an active halt, or a position. Deleted content is overwritten
/// (<c>secure_delete</c>) and the WAL is checkpointed, so purged rows do not linger in the file.
/// </summary>
public sealed class StateRetention
{
    private readonly StateStore _db;

    internal StateRetention(StateStore db) => _db = db;

    public RetentionReport PurgeBefore(DateTimeOffset cutoff)
    {
        var ts = SqlValues.Time(cutoff);
        var report = _db.InTransaction(() =>
        {
            var closedOrdersBefore =
                $"SELECT client_order_id FROM orders WHERE status NOT IN {OrderStatusText.WorkingSqlList} AND updated_ts < $cutoff";
            var journal = Delete("DELETE FROM decision_journal WHERE ts < $cutoff", ts);
            Delete("DELETE FROM alert_deliveries WHERE alert_id IN (SELECT id FROM alerts WHERE ts < $cutoff)", ts);
            var alerts = Delete("DELETE FROM alerts WHERE ts < $cutoff", ts);
            var fills = Delete($"DELETE FROM fills WHERE ts < $cutoff AND client_order_id IN ({closedOrdersBefore})", ts);
            var orders = Delete(
                $"DELETE FROM orders WHERE client_order_id IN ({closedOrdersBefore}) AND NOT EXISTS (SELECT 1 FROM fills f WHERE f.client_order_id = orders.client_order_id)",
                ts);
            var halts = Delete("DELETE FROM halts WHERE cleared_ts IS NOT NULL AND cleared_ts < $cutoff", ts);
            var cooldowns = Delete("DELETE FROM cooldowns WHERE until_ts < $cutoff", ts);
            var evidence = Delete("DELETE FROM evidence WHERE ts < $cutoff", ts);
            var marks = Delete("DELETE FROM equity_marks WHERE ts < $cutoff", ts);
            return new RetentionReport(cutoff, journal, alerts, fills, orders, halts, cooldowns, evidence, marks);
        });
        Checkpoint();
        return report;
    }

    private int Delete(string sql, string cutoff)
    {
        using var command = _db.Prepare(sql, "$cutoff");
        command.Parameters["$cutoff"].Value = cutoff;
        return _db.Use(command).ExecuteNonQuery();
    }

    private void Checkpoint()
    {
        lock (_db.Gate)
        {
            using var command = _db.Prepare("PRAGMA wal_checkpoint(TRUNCATE);");
            _db.Use(command).ExecuteNonQuery();
        }
    }
}
