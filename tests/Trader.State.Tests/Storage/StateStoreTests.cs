using Microsoft.Data.Sqlite;
using Trader.State.Migrations;
using Trader.State.Storage;
using Trader.State.Tests.Support;
using Trader.Testing;

namespace Trader.State.Tests.Storage;

public sealed class StateStoreTests
{
    [Fact]
    public void Opens_in_wal_with_full_sync_foreign_keys_and_the_newest_schema()
    {
        using var dir = new TempDir();
        using var store = StateStore.Open(dir.File("state.db"));

        Assert.Equal("wal", store.ReadPragma("journal_mode"));
        Assert.Equal(2L, store.ReadPragma("synchronous")); // 2 = FULL
        Assert.Equal(1L, store.ReadPragma("foreign_keys"));
        Assert.True((long)store.ReadPragma("busy_timeout")! >= 1000);
        Assert.Equal(Schema.Migrations.Max(m => m.Version), store.SchemaVersion);
        Assert.Equal("ok", store.IntegrityCheck());
    }

    [Fact]
    public void Reopening_applies_nothing_twice_and_keeps_the_data()
    {
        using var dir = new TempDir();
        using (var store = StateStore.Open(dir.File("state.db")))
            Assert.True(store.Orders.TryRegister(Rows.Limit("a")));
        using (var store = StateStore.Open(dir.File("state.db")))
        {
            Assert.NotNull(store.Orders.Get("a"));
            Assert.Equal(Schema.Migrations.Count, CountRows(dir.File("state.db"), "schema_version"));
        }
    }

    [Fact]
    public void A_failing_migration_rolls_back_whole_and_leaves_the_previous_version()
    {
        using var dir = new TempDir();
        using var connection = new SqliteConnection($"Data Source={dir.File("m.db")}");
        connection.Open();
        Migration[] migrations =
        [
            new(1, "first", "CREATE TABLE a (x INTEGER);"),
            new(2, "broken", "CREATE TABLE b (x INTEGER); INSERT INTO nowhere VALUES (1);"),
        ];

        Assert.Throws<SqliteException>(() => MigrationRunner.Apply(connection, migrations));

        Assert.Equal(1, MigrationRunner.CurrentVersion(connection));
        using var check = connection.CreateCommand();
        check.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE name = 'b'";
        Assert.Equal(0L, check.ExecuteScalar());
    }

    [Fact]
    public void A_database_newer_than_the_build_is_refused()
    {
        using var dir = new TempDir();
        using var connection = new SqliteConnection($"Data Source={dir.File("m.db")}");
        connection.Open();
        MigrationRunner.Apply(connection, [new(1, "a", "SELECT 1;"), new(7, "future", "SELECT 1;")]);

        var error = Assert.Throws<InvalidOperationException>(() => MigrationRunner.Apply(connection, [new(1, "a", "SELECT 1;")]));
        Assert.Contains("newer", error.Message);
    }

    [Fact]
    public void Decimals_and_timestamps_round_trip_exactly()
    {
        using var dir = new TempDir();
        using var store = StateStore.Open(dir.File("state.db"));
        var odd = new DateTimeOffset(2025, 3, 4, 5, 6, 7, TimeSpan.FromHours(2)).AddTicks(1234567);
        var order = Rows.Limit("x", price: 12345678901234.123456789012m, size: 0.00000001m, ts: odd) with
        {
            QuoteSize = 1.10m, // scale is kept: "1.10", not "1.1"
        };
        store.Orders.TryRegister(order);

        var read = store.Orders.Get("x")!;
        Assert.Equal(12345678901234.123456789012m, read.Price);
        Assert.Equal(0.00000001m, read.Size);
        Assert.Equal("1.10", read.QuoteSize!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(odd, read.CreatedTs);
        Assert.Equal(odd.UtcTicks, read.CreatedTs.UtcTicks);
    }

    [Fact]
    public void A_transaction_that_throws_leaves_nothing_behind()
    {
        using var dir = new TempDir();
        using var store = StateStore.Open(dir.File("state.db"));

        Assert.Throws<InvalidOperationException>(() => store.InTransaction(() =>
        {
            store.Orders.TryRegister(Rows.Limit("a"));
            store.Fills.Record(Rows.Fill("a", "t1", 0.5m, 100m));
            throw new InvalidOperationException("boom");
        }));

        Assert.Null(store.Orders.Get("a"));
        Assert.Null(store.Positions.Get("BTC-USD"));
        Assert.Empty(store.Fills.ForOrder("a"));
    }

    [Fact]
    public void The_database_file_is_private_to_its_owner()
    {
        if (OperatingSystem.IsWindows()) return;
        using var dir = new TempDir();
        using var store = StateStore.Open(dir.File("state.db"));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(dir.File("state.db")));
    }

    private static long CountRows(string path, string table)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM {table}";
        return (long)command.ExecuteScalar()!;
    }
}
