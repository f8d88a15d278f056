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

        // 2: the inbox (every source writes its workouts here; runs drain it), and the outcome kind in the history.
        """
        CREATE TABLE inbox (
            workout_id TEXT PRIMARY KEY,
            source_kind TEXT NOT NULL,
            source_name TEXT NOT NULL,
            start_utc INTEGER NOT NULL,
            end_utc INTEGER NOT NULL,
            content_sha256 TEXT NOT NULL,
            summary TEXT NOT NULL,
            payload BLOB NOT NULL,
            received_at TEXT NOT NULL,
            updated_at TEXT NOT NULL);
        CREATE INDEX inbox_start ON inbox (start_utc);
        ALTER TABLE history ADD COLUMN kind TEXT NOT NULL DEFAULT 'uploaded';
        UPDATE history SET kind = CASE
            WHEN status = 'failed' THEN 'failed'
            WHEN status = 'uploaded' THEN 'uploaded'
            WHEN reason LIKE 'same session%' THEN 'same-session'
            WHEN reason LIKE 'already in Intervals.icu%' THEN 'duplicate'
            ELSE 'already-synced' END;
        UPDATE workouts SET kind = 'same-session' WHERE kind = 'session-duplicate';
        """,

        // 3: what a person reads in the history (the activity's name, the workout's own zone), and the mark
        // `healthsync forget` leaves on the lines of a workout it made a candidate again.
        """
        ALTER TABLE history ADD COLUMN name TEXT;
        ALTER TABLE history ADD COLUMN time_zone TEXT;
        ALTER TABLE history ADD COLUMN forgotten_at TEXT;
        """,

        // 4: raw documents pushed to the server (Health Auto Export JSON), kept as received so a later, better parser
        // can read them again; processed_at is set once the worker has read one into the inbox.
        """
        CREATE TABLE documents (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            kind TEXT NOT NULL,
            name TEXT NOT NULL,
            sha256 TEXT NOT NULL,
            size INTEGER NOT NULL,
            body BLOB NOT NULL,
            received_at TEXT NOT NULL,
            processed_at TEXT,
            outcome TEXT);
        CREATE INDEX documents_waiting ON documents (processed_at, id);
        CREATE INDEX documents_sha ON documents (sha256);
        """,

        // 5: the user's own activity names (a name the phone sends that no built-in table knows → an activity type),
        // and the unknown names seen in stored documents, so mapping one reads those documents again.
        """
        CREATE TABLE activity_names (name TEXT PRIMARY KEY, activity_type TEXT NOT NULL, mapped_at TEXT NOT NULL);
        CREATE TABLE unknown_activity_names (
            name TEXT NOT NULL,
            language TEXT,
            document_id INTEGER NOT NULL,
            workouts INTEGER NOT NULL,
            seen_at TEXT NOT NULL,
            PRIMARY KEY (name, document_id));
        """,

        // 6: Health Auto Export workouts now keep the offset the phone wrote as their zone (they took the server's
        // before): every stored document waits to be read again, which replaces its workouts' inbox rows.
        """
        UPDATE documents SET processed_at = NULL, outcome = NULL WHERE kind LIKE 'health-auto-export%';
        """,

        // 7: the web app's signed-in sessions, by the hash of the id their cookie carries: signing out ends a session
        // wherever its cookie was copied, and a password change ends every other one.
        """
        CREATE TABLE web_sessions (id_sha256 TEXT PRIMARY KEY, created_at TEXT NOT NULL);
        """,
    ];

    /// <summary>The version a database has after <see cref="Apply"/>.</summary>
    public static int Latest => Steps.Length;

    public static void Apply(SqliteConnection connection, TimeProvider time)
    {
        if (CurrentVersion(connection, null) == Latest)
        {
            return; // the common case, and the only one a read-only connection (a dry run) can take
        }

        // BEGIN IMMEDIATE takes the write lock before the version is read, so two processes opening a new state
        // folder at once cannot both see version 0 and both create the tables: the second waits, then sees Latest.
        using var transaction = connection.BeginTransaction(deferred: false);
        var current = CurrentVersion(connection, transaction);
        if (current > Latest)
        {
            throw new InvalidOperationException($"The state database is at schema version {current}, newer than this HealthSync knows ({Latest}). Update HealthSync.");
        }

        for (var version = current + 1; version <= Latest; version++)
        {
            Execute(connection, transaction, Steps[version - 1]);
            using var mark = connection.CreateCommand();
            mark.Transaction = transaction;
            mark.CommandText = "INSERT INTO schema_migrations (version, applied_at) VALUES ($v, $at)";
            mark.Parameters.AddWithValue("$v", version);
            mark.Parameters.AddWithValue("$at", time.GetUtcNow().ToString("O", System.Globalization.CultureInfo.InvariantCulture));
            mark.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    private static int CurrentVersion(SqliteConnection connection, SqliteTransaction? transaction)
    {
        using var exists = connection.CreateCommand();
        exists.Transaction = transaction;
        exists.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'";
        if (Convert.ToInt32(exists.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) == 0)
        {
            if (transaction is not null)
            {
                Execute(connection, transaction, "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)");
            }

            return 0;
        }

        using var read = connection.CreateCommand();
        read.Transaction = transaction;
        read.CommandText = "SELECT COALESCE(MAX(version), 0) FROM schema_migrations";
        return Convert.ToInt32(read.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
