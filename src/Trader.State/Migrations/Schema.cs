namespace Trader.State.Migrations;

/// <summary>
/// The ordered migrations of the state database. Append new steps; never edit a shipped one (a database that
/// already applied it would silently differ from a fresh one).
/// </summary>
public static class Schema
{
    public static IReadOnlyList<Migration> Migrations { get; } =
    [
        new(1, "orders, fills, positions, cooldowns, halts, alerts, journal, evidence, equity marks", """
            CREATE TABLE orders (
                client_order_id TEXT PRIMARY KEY,
                product_id      TEXT NOT NULL,
                side            TEXT NOT NULL CHECK (side IN ('buy', 'sell')),
                order_type      TEXT NOT NULL,
                price           TEXT,
                size            TEXT,
                quote_size      TEXT,
                status          TEXT NOT NULL CHECK (status IN ('pending_submit', 'ambiguous', 'open', 'filled', 'cancelled', 'rejected', 'expired')),
                status_reason   TEXT,
                venue_order_id  TEXT,
                mode            TEXT NOT NULL CHECK (mode IN ('dry_run', 'paper', 'live')),
                filled_size     TEXT NOT NULL DEFAULT '0',
                filled_value    TEXT NOT NULL DEFAULT '0',
                fees            TEXT NOT NULL DEFAULT '0',
                created_ts      TEXT NOT NULL,
                updated_ts      TEXT NOT NULL
            );
            CREATE UNIQUE INDEX ux_orders_venue_order_id ON orders (venue_order_id) WHERE venue_order_id IS NOT NULL;
            CREATE INDEX ix_orders_status ON orders (status);
            CREATE INDEX ix_orders_updated_ts ON orders (updated_ts);

            CREATE TABLE fills (
                id              INTEGER PRIMARY KEY,
                client_order_id TEXT NOT NULL REFERENCES orders (client_order_id),
                trade_id        TEXT NOT NULL,
                product_id      TEXT NOT NULL,
                side            TEXT NOT NULL CHECK (side IN ('buy', 'sell')),
                price           TEXT NOT NULL,
                size            TEXT NOT NULL,
                fee             TEXT NOT NULL,
                liquidity       TEXT NOT NULL CHECK (liquidity IN ('maker', 'taker', 'unknown')),
                ts              TEXT NOT NULL,
                UNIQUE (client_order_id, trade_id)
            );
            CREATE INDEX ix_fills_ts ON fills (ts);

            CREATE TABLE positions (
                product_id   TEXT PRIMARY KEY,
                base_size    TEXT NOT NULL,
                average_cost TEXT NOT NULL,
                realized_pnl TEXT NOT NULL,
                fees         TEXT NOT NULL,
                updated_ts   TEXT NOT NULL
            );

            CREATE TABLE cooldowns (
                product_id TEXT PRIMARY KEY,
                until_ts   TEXT NOT NULL,
                reason     TEXT NOT NULL,
                set_ts     TEXT NOT NULL
            );

            CREATE TABLE halts (
                id             INTEGER PRIMARY KEY,
                gate           TEXT NOT NULL,
                scope          TEXT NOT NULL,
                halt_reason    TEXT NOT NULL,
                activated_ts   TEXT NOT NULL,
                cleared_ts     TEXT,
                cleared_by     TEXT,
                cleared_reason TEXT
            );
            CREATE INDEX ix_halts_active ON halts (gate, scope) WHERE cleared_ts IS NULL;

            CREATE TABLE alerts (
                id           INTEGER PRIMARY KEY,
                kind         TEXT NOT NULL,
                severity     TEXT NOT NULL CHECK (severity IN ('info', 'warning', 'critical')),
                product_id   TEXT,
                message      TEXT NOT NULL,
                dedupe_key   TEXT NOT NULL,
                ts           TEXT NOT NULL,
                escalated    INTEGER NOT NULL DEFAULT 0,
                escalated_ts TEXT,
                resolved     INTEGER NOT NULL DEFAULT 0,
                resolved_ts  TEXT
            );
            CREATE INDEX ix_alerts_ts ON alerts (ts);
            CREATE INDEX ix_alerts_dedupe_key ON alerts (dedupe_key, ts);

            CREATE TABLE alert_deliveries (
                alert_id        INTEGER NOT NULL REFERENCES alerts (id) ON DELETE CASCADE,
                sink            TEXT NOT NULL,
                state           TEXT NOT NULL CHECK (state IN ('pending', 'delivered', 'failed')),
                attempts        INTEGER NOT NULL,
                last_attempt_ts TEXT,
                detail          TEXT,
                PRIMARY KEY (alert_id, sink)
            );

            CREATE TABLE decision_journal (
                id           INTEGER PRIMARY KEY,
                cycle_id     INTEGER NOT NULL,
                ts           TEXT NOT NULL,
                product_id   TEXT,
                kind         TEXT NOT NULL,
                outcome      TEXT NOT NULL,
                reason_code  TEXT,
                payload_json TEXT,
                latency_us   INTEGER
            );
            CREATE INDEX ix_decision_journal_ts ON decision_journal (ts);
            CREATE INDEX ix_decision_journal_cycle ON decision_journal (cycle_id);

            CREATE TABLE evidence (
                id           INTEGER PRIMARY KEY,
                kind         TEXT NOT NULL,
                ts           TEXT NOT NULL,
                payload_json TEXT NOT NULL
            );
            CREATE INDEX ix_evidence_kind_ts ON evidence (kind, ts);

            CREATE TABLE equity_marks (
                id  INTEGER PRIMARY KEY,
                ts  TEXT NOT NULL,
                nav TEXT NOT NULL
            );
            CREATE INDEX ix_equity_marks_ts ON equity_marks (ts);
            """),
        new(2, "working-order chains: the order a replacement replaces and when its chain started", """
            ALTER TABLE orders ADD COLUMN parent_client_order_id TEXT;
            ALTER TABLE orders ADD COLUMN chain_started_ts TEXT;
            CREATE INDEX ix_orders_parent ON orders (parent_client_order_id) WHERE parent_client_order_id IS NOT NULL;
            """),
    ];
}
