using Microsoft.Data.Sqlite;
using Trader.State.Alerts;
using Trader.State.Cooldowns;
using Trader.State.Equity;
using Trader.State.Evidence;
using Trader.State.Fills;
using Trader.State.Halts;
using Trader.State.Journal;
using Trader.State.Migrations;
using Trader.State.Orders;
using Trader.State.Positions;
using Trader.State.Retention;

namespace Trader.State.Storage;

/// <summary>
/// The state database: one SQLite file, one connection per instance, WAL with <c>synchronous=FULL</c> (a committed
/// order or fill survives a crash or power loss), migrated to the newest schema at open. The repositories share the
/// connection and a gate, so a multi-row change spanning them (<see cref="InTransaction{T}"/>) is one transaction.
/// Timestamps are always arguments: nothing here reads a clock.
/// </summary>
public sealed class StateStore : IDisposable
{
    private readonly SqliteConnection _connection;
    private SqliteTransaction? _transaction;
    private bool _disposed;

    private StateStore(string path, SqliteConnection connection)
    {
        Path = path;
        _connection = connection;
        Orders = new OrderStore(this);
        Fills = new FillStore(this);
        Positions = new PositionStore(this);
        Cooldowns = new CooldownStore(this);
        Halts = new HaltStore(this);
        Alerts = new AlertStore(this);
        Journal = new DecisionJournal(this);
        Evidence = new EvidenceStore(this);
        Equity = new EquityStore(this);
        Retention = new StateRetention(this);
    }

    public string Path { get; }
    public int SchemaVersion { get; private set; }
    public OrderStore Orders { get; }
    public FillStore Fills { get; }
    public PositionStore Positions { get; }
    public CooldownStore Cooldowns { get; }
    public HaltStore Halts { get; }
    public AlertStore Alerts { get; }
    public DecisionJournal Journal { get; }
    public EvidenceStore Evidence { get; }
    public EquityStore Equity { get; }
    public StateRetention Retention { get; }

    /// <summary>Serializes every use of the connection (Microsoft.Data.Sqlite connections are not thread-safe).</summary>
    internal object Gate { get; } = new();

    /// <summary>Opens (creating if needed) the database at <paramref name="path"/> and applies pending migrations.</summary>
    /// <param name="durable">
    /// false = <c>synchronous=OFF</c>: no fsync per commit, for throwaway state that is recreated on every run (PAPER
    /// replays and the demo), never for the service's own state.
    /// </param>
    public static StateStore Open(string path, TimeSpan? busyTimeout = null, bool durable = true)
    {
        var fullPath = System.IO.Path.GetFullPath(path);
        var directory = System.IO.Path.GetDirectoryName(fullPath);
        if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);

        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = fullPath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = false,
            DefaultTimeout = (int)Math.Ceiling((busyTimeout ?? TimeSpan.FromSeconds(5)).TotalSeconds),
        };
        var connection = new SqliteConnection(builder.ToString());
        try
        {
            connection.Open();
            var busyMs = (int)(busyTimeout ?? TimeSpan.FromSeconds(5)).TotalMilliseconds;
            ExecutePragma(connection, $"PRAGMA busy_timeout = {busyMs};");
            var journalMode = ExecutePragma(connection, "PRAGMA journal_mode = WAL;");
            if (!string.Equals(journalMode as string, "wal", StringComparison.OrdinalIgnoreCase))
                throw new InvalidOperationException($"could not switch {fullPath} to WAL (journal_mode is {journalMode})");
            ExecutePragma(connection, durable ? "PRAGMA synchronous = FULL;" : "PRAGMA synchronous = OFF;");
            ExecutePragma(connection, "PRAGMA foreign_keys = ON;");
            ExecutePragma(connection, "PRAGMA secure_delete = ON;");
            RestrictPermissions(fullPath);

            var store = new StateStore(fullPath, connection);
            store.SchemaVersion = MigrationRunner.Apply(connection, Schema.Migrations);
            RestrictPermissions(fullPath);
            return store;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> in one transaction (or inside the caller's, when one is already open on this
    /// store): everything it writes through any repository commits together or not at all.
    /// </summary>
    public T InTransaction<T>(Func<T> work)
    {
        lock (Gate)
        {
            ThrowIfDisposed();
            if (_transaction is not null) return work();
            _transaction = _connection.BeginTransaction(deferred: false);
            try
            {
                var result = work();
                _transaction.Commit();
                return result;
            }
            catch
            {
                _transaction.Rollback();
                throw;
            }
            finally
            {
                _transaction.Dispose();
                _transaction = null;
            }
        }
    }

    public void InTransaction(Action work) => InTransaction(() =>
    {
        work();
        return true;
    });

    /// <summary><c>PRAGMA integrity_check</c>: "ok" for a sound database, otherwise the problems found.</summary>
    public string IntegrityCheck()
    {
        lock (Gate)
        {
            ThrowIfDisposed();
            using var command = _connection.CreateCommand();
            command.CommandText = "PRAGMA integrity_check;";
            using var reader = command.ExecuteReader();
            var lines = new List<string>();
            while (reader.Read()) lines.Add(reader.GetString(0));
            return string.Join("; ", lines);
        }
    }

    /// <summary>The value of a connection pragma (e.g. <c>journal_mode</c>, <c>synchronous</c>), for checks and tests.</summary>
    internal object? ReadPragma(string name)
    {
        lock (Gate)
        {
            ThrowIfDisposed();
            return ExecutePragma(_connection, $"PRAGMA {name};");
        }
    }

    /// <summary>A command bound to this store's connection, prepared once and reused (the caller holds <see cref="Gate"/>).</summary>
    internal SqliteCommand Prepare(string sql, params string[] parameterNames)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in parameterNames)
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        return command;
    }

    /// <summary>Binds the current transaction (if any) to a prepared command; call with <see cref="Gate"/> held.</summary>
    internal SqliteCommand Use(SqliteCommand command)
    {
        ThrowIfDisposed();
        command.Transaction = _transaction;
        return command;
    }

    public void Dispose()
    {
        lock (Gate)
        {
            if (_disposed) return;
            _disposed = true;
            _transaction?.Dispose();
            _connection.Dispose();
        }
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed, this);

    private static object? ExecutePragma(SqliteConnection connection, string pragma)
    {
        using var command = connection.CreateCommand();
        command.CommandText = pragma;
        return command.ExecuteScalar();
    }

    /// <summary>The data directory's files are 0600 (CONTRACTS.md §1): the database and its WAL and shared-memory files.</summary>
    private static void RestrictPermissions(string databasePath)
    {
        if (OperatingSystem.IsWindows()) return;
        foreach (var file in new[] { databasePath, databasePath + "-wal", databasePath + "-shm" })
        {
            if (File.Exists(file))
                File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }
}
