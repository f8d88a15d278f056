using System.Globalization;
using HealthSync.Intervals;
using HealthSync.Sync;
using Microsoft.Data.Sqlite;

namespace HealthSync.State;

/// <summary>The sync's memory in one SQLite file: settings, each workout's outcome, the history, pending uploads, request instants.</summary>
/// <remarks>
/// Every write is its own transaction, so a process killed at any point leaves the file consistent (WAL journal).
/// Secrets never come here: credentials live in their own file (<c>Hosting.CredentialsFile</c>).
/// </remarks>
public sealed partial class SyncState : IRequestLedger, IDisposable
{
    /// <summary>The database file name inside the state folder.</summary>
    public const string FileName = "healthsync.db";

    private readonly SqliteConnection connection;
    private readonly Lock gate = new();

    private SyncState(SqliteConnection connection, TimeProvider time, bool readOnly = false)
    {
        this.connection = connection;
        connection.Open();
        Execute(readOnly ? "PRAGMA busy_timeout = 5000;" : "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 5000;");
        Migrations.Apply(connection, time);
    }

    /// <summary>Opens (creating the folder and the file when missing) the state in <paramref name="directory"/>.</summary>
    /// <exception cref="StateUnavailableException">The folder or its database cannot be used (the cause in words).</exception>
    public static SyncState Open(string directory, TimeProvider time) => Opening(directory, () =>
    {
        OwnerOnly.Folder(directory);
        var path = Path.Combine(directory, FileName);
        CreatePrivate(path);
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
        {
            OwnerOnly.Narrow(file); // an older release's database, readable by every account here
        }

        var builder = new SqliteConnectionStringBuilder { DataSource = path, Pooling = false };
        return new SyncState(new SqliteConnection(builder.ToString()), time);
    });

    /// <summary>Why a state folder cannot be used, in words, from what SQLite or the file system said.</summary>
    public static string Cause(Exception ex) => ex switch
    {
        SqliteException { SqliteErrorCode: 13 } => "the disk is full",
        SqliteException { SqliteErrorCode: 8 } or SqliteException { SqliteErrorCode: 14 } or UnauthorizedAccessException => "it is read-only or not writable by you",
        SqliteException { SqliteErrorCode: 5 } or SqliteException { SqliteErrorCode: 6 } => "another program holds the database locked",
        SqliteException { SqliteErrorCode: 26 } or SqliteException { SqliteErrorCode: 11 } => $"{FileName} is damaged or not a HealthSync database (move it away to start afresh)",
        _ => ex.Message,
    };

    /// <summary>Creates the database as an empty file of mode 600 when missing: SQLite takes an empty file for a new database, and gives its -wal and -shm the same mode.</summary>
    private static void CreatePrivate(string path)
    {
        if (File.Exists(path))
        {
            return;
        }

        try
        {
            using var created = new FileStream(path, OwnerOnly.Create(FileMode.CreateNew, FileAccess.Write));
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process created it meanwhile (with the same mode).
        }
    }

    private static SyncState Opening(string directory, Func<SyncState> open)
    {
        try
        {
            return open();
        }
        catch (Exception ex) when (ex is SqliteException or IOException or UnauthorizedAccessException)
        {
            throw new StateUnavailableException(directory, Cause(ex), ex);
        }
    }

    /// <summary>Opens an existing state for reading only (a dry run): any write throws, so nothing can change by mistake.</summary>
    /// <remarks>A state of an older schema is brought forward first (that changes no setting or outcome).</remarks>
    public static SyncState OpenReadOnly(string directory, TimeProvider time) => Opening(directory, () =>
    {
        using (Open(directory, time))
        {
            // Migrations need a writable connection; at the latest schema this opens and closes without a write.
        }

        var builder = new SqliteConnectionStringBuilder { DataSource = Path.Combine(directory, FileName), Pooling = false, Mode = SqliteOpenMode.ReadOnly };
        return new SyncState(new SqliteConnection(builder.ToString()), time, readOnly: true);
    });

    /// <summary>An empty state that lives in memory only (a dry run before the first real run).</summary>
    public static SyncState InMemory(TimeProvider time) => new(new SqliteConnection("Data Source=:memory:"), time);

    /// <summary>The schema version of the file.</summary>
    public int SchemaVersion => Convert.ToInt32(Scalar("SELECT MAX(version) FROM schema_migrations"), CultureInfo.InvariantCulture);

    public string? GetSetting(string key) => Scalar("SELECT value FROM settings WHERE key = $k", ("$k", key)) as string;

    public void SetSetting(string key, string value) =>
        Execute("INSERT INTO settings (key, value) VALUES ($k, $v) ON CONFLICT (key) DO UPDATE SET value = excluded.value", ("$k", key), ("$v", value));

    /// <summary>Every workout's latest outcome, by workout id.</summary>
    public IReadOnlyDictionary<string, WorkoutRecord> Workouts()
    {
        var result = new Dictionary<string, WorkoutRecord>(StringComparer.Ordinal);
        Query("SELECT workout_id, status, kind, reason, intervals_activity_id, updated_at FROM workouts", r =>
            result[r.GetString(0)] = new WorkoutRecord(r.GetString(0), OutcomeKinds.FromCode(r.GetString(2)), Text(r, 3), Text(r, 4), Instant(r.GetString(5))));
        return result;
    }

    /// <summary>Records a workout's outcome, and a history line when <paramref name="history"/> is given, in one transaction.</summary>
    public void Record(WorkoutRecord outcome, string? fitSha256, HistoryEntry? history)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        lock (gate)
        {
            using var transaction = connection.BeginTransaction();
            Run(transaction, """
                INSERT INTO workouts (workout_id, status, kind, reason, intervals_activity_id, fit_sha256, updated_at)
                VALUES ($id, $s, $k, $r, $a, $h, $at)
                ON CONFLICT (workout_id) DO UPDATE SET status = excluded.status, kind = excluded.kind, reason = excluded.reason,
                    intervals_activity_id = excluded.intervals_activity_id, fit_sha256 = COALESCE(excluded.fit_sha256, workouts.fit_sha256),
                    updated_at = excluded.updated_at
                """,
                ("$id", outcome.WorkoutId), ("$s", outcome.Kind.Status()), ("$k", outcome.Kind.Code()), ("$r", outcome.Reason),
                ("$a", outcome.IntervalsActivityId), ("$h", fitSha256), ("$at", Format(outcome.UpdatedAt)));
            // The same outcome again (a failure that fails the same way each run) is one event, not one a run.
            // A forgotten line does not count: the outcome a run finds afresh is a new event.
            using var last = Command("SELECT kind, reason FROM history WHERE workout_id = $id AND forgotten_at IS NULL ORDER BY id DESC LIMIT 1", [("$id", outcome.WorkoutId)]);
            last.Transaction = transaction;
            using (var reader = last.ExecuteReader())
            {
                if (history is not null && reader.Read() && reader.GetString(0) == history.Kind.Code() && Text(reader, 1) == history.Reason)
                {
                    history = null;
                }
            }

            if (history is not null)
            {
                var (name, zone) = history.Name is null ? Readable(transaction, history) : (history.Name, history.TimeZoneId);
                Run(transaction, """
                    INSERT INTO history (workout_id, activity_type, category, start, status, kind, reason, intervals_activity_id, at, name, time_zone)
                    VALUES ($id, $t, $c, $st, $s, $k, $r, $a, $at, $n, $z)
                    """,
                    ("$id", history.WorkoutId), ("$t", history.ActivityType), ("$c", history.Category), ("$st", Format(history.Start)),
                    ("$s", history.Status), ("$k", history.Kind.Code()), ("$r", history.Reason), ("$a", history.IntervalsActivityId), ("$at", Format(history.At)),
                    ("$n", name), ("$z", zone));
            }

            Run(transaction, "DELETE FROM pending_uploads WHERE workout_id = $id", ("$id", outcome.WorkoutId));
            transaction.Commit();
        }
    }

    /// <summary>History, newest first; <paramref name="status"/> filters (uploaded, skipped, failed: failures a later run resolved are left out).</summary>
    public IReadOnlyList<HistoryEntry> History(string? status, int limit, int offset = 0)
    {
        var result = new List<HistoryEntry>();
        Query(
            $"""
            SELECT h.workout_id, h.activity_type, h.category, h.start, h.kind, h.reason, h.intervals_activity_id, h.at,
                   h.status = 'failed' AND w.status IN ('uploaded', 'skipped') AS resolved, h.name, h.time_zone, h.forgotten_at
            {HistoryFilter}
            ORDER BY h.id DESC LIMIT $n OFFSET $o
            """,
            r => result.Add(new HistoryEntry(r.GetString(0), r.GetString(1), r.GetString(2), Instant(r.GetString(3)), OutcomeKinds.FromCode(r.GetString(4)), Text(r, 5), Text(r, 6), Instant(r.GetString(7)))
            {
                Resolved = !r.IsDBNull(8) && r.GetInt64(8) == 1,
                Name = Text(r, 9),
                TimeZoneId = Text(r, 10),
                ForgottenAt = Text(r, 11) is { } forgotten ? Instant(forgotten) : null,
            }),
            ("$s", status), ("$n", limit), ("$o", offset));
        return result;
    }

    /// <summary>How many workouts have <paramref name="kind"/> as their latest outcome (forgotten ones have none).</summary>
    public int CountOutcomes(Sync.OutcomeKind kind) =>
        Convert.ToInt32(Scalar("SELECT COUNT(*) FROM workouts WHERE kind = $k", ("$k", Sync.OutcomeKinds.Code(kind))), CultureInfo.InvariantCulture);

    /// <summary>How many history entries <see cref="History"/> would give for <paramref name="status"/> without a limit.</summary>
    public int HistoryCount(string? status) =>
        Convert.ToInt32(Scalar($"SELECT COUNT(*) {HistoryFilter}", ("$s", status)), CultureInfo.InvariantCulture);

    /// <summary>The history rows a status filter selects: one definition for the list and its count.</summary>
    private const string HistoryFilter = """
        FROM history h LEFT JOIN workouts w ON w.workout_id = h.workout_id
        WHERE ($s IS NULL OR h.status = $s) AND NOT (COALESCE($s, '') = 'failed' AND COALESCE(w.status IN ('uploaded', 'skipped'), 0))
        """;

    /// <summary>Written before an upload is sent, so the next run knows it may have reached the service.</summary>
    public void AddPending(PendingUpload pending)
    {
        ArgumentNullException.ThrowIfNull(pending);
        Execute(
            "INSERT INTO pending_uploads (workout_id, fit_sha256, started_at) VALUES ($id, $h, $at) ON CONFLICT (workout_id) DO UPDATE SET fit_sha256 = excluded.fit_sha256, started_at = excluded.started_at",
            ("$id", pending.WorkoutId), ("$h", pending.FitSha256), ("$at", Format(pending.StartedAt)));
    }

    /// <summary>Forgets a pending upload known not to have reached the service (refused before processing).</summary>
    public void RemovePending(string workoutId) => Execute("DELETE FROM pending_uploads WHERE workout_id = $id", ("$id", workoutId));

    public IReadOnlyList<PendingUpload> Pending()
    {
        var result = new List<PendingUpload>();
        Query("SELECT workout_id, fit_sha256, started_at FROM pending_uploads", r => result.Add(new PendingUpload(r.GetString(0), r.GetString(1), Instant(r.GetString(2)))));
        return result;
    }

    /// <inheritdoc/>
    public IReadOnlyList<DateTimeOffset> Since(DateTimeOffset since)
    {
        var result = new List<DateTimeOffset>();
        Query("SELECT at_ms FROM request_log WHERE at_ms >= $s ORDER BY at_ms", r => result.Add(DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(0))), ("$s", since.ToUnixTimeMilliseconds()));
        return result;
    }

    /// <inheritdoc/>
    public void Record(DateTimeOffset at)
    {
        // Instants older than the longest budget window (a day) are never read again.
        Execute(
            "INSERT INTO request_log (at_ms) VALUES ($t); DELETE FROM request_log WHERE at_ms < $old",
            ("$t", at.ToUnixTimeMilliseconds()), ("$old", (at - TimeSpan.FromDays(2)).ToUnixTimeMilliseconds()));
    }

    /// <summary>Caps this connection's database at its size now plus <paramref name="extraPages"/> pages: a full disk, for tests.</summary>
    internal void LimitPages(long extraPages) =>
        Execute($"PRAGMA max_page_count = {Convert.ToInt64(Scalar("PRAGMA page_count"), CultureInfo.InvariantCulture) + extraPages}");

    /// <summary>Lifts <see cref="LimitPages"/>.</summary>
    internal void UnlimitPages() => Execute("PRAGMA max_page_count = 1073741823");

    public void Dispose() => connection.Dispose();

    private static string Format(DateTimeOffset instant) => instant.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static DateTimeOffset Instant(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    private static string? Text(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    private void Execute(string sql, params (string Name, object? Value)[] parameters)
    {
        lock (gate)
        {
            Run(null, sql, parameters);
        }
    }

    private void Run(SqliteTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(sql, parameters);
        command.Transaction = transaction;
        command.ExecuteNonQuery();
    }

    private object? Scalar(string sql, params (string Name, object? Value)[] parameters)
    {
        lock (gate)
        {
            using var command = Command(sql, parameters);
            return command.ExecuteScalar();
        }
    }

    private void Query(string sql, Action<SqliteDataReader> row, params (string Name, object? Value)[] parameters)
    {
        lock (gate)
        {
            using var command = Command(sql, parameters);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                row(reader);
            }
        }
    }

    private SqliteCommand Command(string sql, (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }
}
