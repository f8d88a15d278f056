using Microsoft.Data.Sqlite;

namespace HealthSync.State;

/// <summary>The schema, one numbered step at a time; a database records each step it has taken in <c>schema_migrations</c>.</summary>
/// <remarks>Steps are only ever appended: a released step never changes, so every older database can be brought forward.</remarks>
internal static class Migrations
{
    private static readonly string[] Steps =
    [
        // 1: the first release.
        """
        CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE workouts (
            workout_id TEXT PRIMARY KEY,
            status TEXT NOT NULL,
            kind TEXT NOT NULL,
            reason TEXT,
            intervals_activity_id TEXT,
            fit_sha256 TEXT,
            updated_at TEXT NOT NULL);
        CREATE TABLE history (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            workout_id TEXT NOT NULL,
            activity_type TEXT NOT NULL,
            category TEXT NOT NULL,
            start TEXT NOT NULL,
            status TEXT NOT NULL,
            reason TEXT,
            intervals_activity_id TEXT,
            at TEXT NOT NULL);
        CREATE INDEX history_status ON history (status, id);
        CREATE TABLE pending_uploads (workout_id TEXT PRIMARY KEY, fit_sha256 TEXT NOT NULL, started_at TEXT NOT NULL);
        CREATE TABLE request_log (at_ms INTEGER NOT NULL);
        CREATE INDEX request_log_at ON request_log (at_ms);
        """,
    ];

    /// <summary>The version a database has after <see cref="Apply"/>.</summary>
    public static int Latest => Steps.Length;

    public static void Apply(SqliteConnection connection, TimeProvider time)
    {
        Execute(connection, null, "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)");
        using var read = connection.CreateCommand();
        read.CommandText = "SELECT COALESCE(MAX(version), 0) FROM schema_migrations";
        var current = Convert.ToInt32(read.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        if (current > Latest)
        {
            throw new InvalidOperationException($"The state database is at schema version {current}, newer than this HealthSync knows ({Latest}). Update HealthSync.");
        }

        for (var version = current + 1; version <= Latest; version++)
        {
            using var transaction = connection.BeginTransaction();
            Execute(connection, transaction, Steps[version - 1]);
            using var mark = connection.CreateCommand();
            mark.Transaction = transaction;
            mark.CommandText = "INSERT INTO schema_migrations (version, applied_at) VALUES ($v, $at)";
            mark.Parameters.AddWithValue("$v", version);
            mark.Parameters.AddWithValue("$at", time.GetUtcNow().ToString("O", System.Globalization.CultureInfo.InvariantCulture));
            mark.ExecuteNonQuery();
            transaction.Commit();
        }
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
