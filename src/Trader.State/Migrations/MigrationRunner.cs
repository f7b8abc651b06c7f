using Microsoft.Data.Sqlite;

namespace Trader.State.Migrations;

/// <summary>
/// Brings a database to the newest schema: each pending migration and its <c>schema_version</c> row are one
/// transaction, so a crash leaves the database at the previous version, never between two.
/// </summary>
public static class MigrationRunner
{
    public static int Apply(SqliteConnection connection, IReadOnlyList<Migration> migrations)
    {
        Execute(connection, null, """
            CREATE TABLE IF NOT EXISTS schema_version (
                version     INTEGER PRIMARY KEY,
                description TEXT NOT NULL
            );
            """);
        var current = CurrentVersion(connection);
        var newest = migrations.Count == 0 ? 0 : migrations.Max(m => m.Version);
        if (current > newest)
            throw new InvalidOperationException(
                $"the state database is at schema version {current}, newer than this build knows ({newest}); use a newer trader");

        foreach (var migration in migrations.OrderBy(m => m.Version))
        {
            if (migration.Version <= current) continue;
            using var transaction = connection.BeginTransaction();
            Execute(connection, transaction, migration.Sql);
            using var record = connection.CreateCommand();
            record.Transaction = transaction;
            record.CommandText = "INSERT INTO schema_version (version, description) VALUES ($v, $d)";
            record.Parameters.AddWithValue("$v", migration.Version);
            record.Parameters.AddWithValue("$d", migration.Description);
            record.ExecuteNonQuery();
            transaction.Commit();
            current = migration.Version;
        }
        return current;
    }

    public static int CurrentVersion(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COALESCE(MAX(version), 0) FROM schema_version";
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
