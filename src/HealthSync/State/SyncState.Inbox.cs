using HealthSync.Workouts;

namespace HealthSync.State;

/// <summary>What reading a workout into the inbox did.</summary>
public enum InboxChange
{
    /// <summary>The workout was not in the inbox: a row was added.</summary>
    Added,

    /// <summary>The workout was there with other data (a route that was missing, a corrected zone): the row was replaced.</summary>
    Updated,

    /// <summary>The same data was there already: nothing was written.</summary>
    Unchanged,
}

/// <summary>The inbox's size: rows, and bytes on disk for their data.</summary>
/// <param name="Workouts">Rows in the inbox.</param>
/// <param name="Settled">Rows whose workout is settled in Intervals.icu (prunable once old enough).</param>
/// <param name="Bytes">Bytes of stored data (compressed workouts and summaries), without SQLite's page overhead.</param>
public sealed record InboxStats(int Workouts, int Settled, long Bytes);

/// <summary>The inbox half of the state: every source writes its workouts here, and runs drain it in batches.</summary>
public sealed partial class SyncState
{
    /// <summary>Writes workouts read from a source in one transaction: new rows, changed rows replaced, identical ones left alone.</summary>
    public IReadOnlyList<InboxChange> PutInbox(IReadOnlyList<Workout> workouts, string sourceKind, string sourceName, DateTimeOffset now) =>
        PutInbox(workouts, sourceKind, sourceName, now, null);

    /// <summary>
    /// As <see cref="PutInbox(IReadOnlyList{Workout}, string, string, DateTimeOffset)"/>; <paramref name="replace"/> is asked
    /// before a row is replaced, with the summary it has and the new copy: false keeps the row (reported unchanged).
    /// </summary>
    public IReadOnlyList<InboxChange> PutInbox(IReadOnlyList<Workout> workouts, string sourceKind, string sourceName, DateTimeOffset now, Func<WorkoutSummary, Workout, bool>? replace)
    {
        ArgumentNullException.ThrowIfNull(workouts);
        var changes = new List<InboxChange>(workouts.Count);
        lock (gate)
        {
            using var transaction = connection.BeginTransaction();
            var buffer = intakeBuffer ??= new System.Buffers.ArrayBufferWriter<byte>(64 * 1024);
            foreach (var workout in workouts)
            {
                var json = InboxCodec.Json(workout, buffer);
                var sha = InboxCodec.Sha256(json);
                string? existing = null, oldSummary = null;
                using (var read = Command("SELECT content_sha256, summary FROM inbox WHERE workout_id = $id", [("$id", workout.Id)]))
                {
                    read.Transaction = transaction;
                    using var row = read.ExecuteReader();
                    if (row.Read())
                    {
                        (existing, oldSummary) = (row.GetString(0), row.GetString(1));
                    }
                }

                if (existing == sha)
                {
                    changes.Add(InboxChange.Unchanged);
                    continue;
                }

                if (oldSummary is not null && replace is not null && !replace(InboxCodec.Summary(oldSummary), workout))
                {
                    changes.Add(InboxChange.Unchanged);
                    continue;
                }

                Run(transaction, """
                    INSERT INTO inbox (workout_id, source_kind, source_name, start_utc, end_utc, content_sha256, summary, payload, received_at, updated_at)
                    VALUES ($id, $kind, $name, $start, $end, $sha, $summary, $payload, $now, $now)
                    ON CONFLICT (workout_id) DO UPDATE SET source_kind = excluded.source_kind, source_name = excluded.source_name,
                        start_utc = excluded.start_utc, end_utc = excluded.end_utc, content_sha256 = excluded.content_sha256,
                        summary = excluded.summary, payload = excluded.payload, updated_at = excluded.updated_at
                    """,
                    ("$id", workout.Id), ("$kind", sourceKind), ("$name", sourceName), ("$start", workout.Start.ToUnixTimeSeconds()),
                    ("$end", workout.End.ToUnixTimeSeconds()), ("$sha", sha), ("$summary", InboxCodec.SummaryJson(WorkoutSummary.Of(workout))),
                    ("$payload", InboxCodec.Compress(json, ref compressBuffer)), ("$now", Format(now)));
                changes.Add(existing is null ? InboxChange.Added : InboxChange.Updated);
            }

            transaction.Commit();
        }

        return changes;
    }

    /// <summary>Every inbox workout's summary, oldest start first: what the rules decide on, without the series.</summary>
    public IReadOnlyList<WorkoutSummary> InboxSummaries()
    {
        var result = new List<WorkoutSummary>();
        Query("SELECT summary FROM inbox ORDER BY start_utc, workout_id", r => result.Add(InboxCodec.Summary(r.GetString(0))));
        return result;
    }

    /// <summary>The full workouts (samples, route, laps) of the given ids; ids not in the inbox are left out.</summary>
    public IReadOnlyDictionary<string, Workout> InboxWorkouts(IEnumerable<string> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var result = new Dictionary<string, Workout>(StringComparer.Ordinal);
        foreach (var id in ids)
        {
            Query("SELECT payload FROM inbox WHERE workout_id = $id", r => result[id] = InboxCodec.Decompress((byte[])r.GetValue(0)), ("$id", id));
        }

        return result;
    }

    /// <summary>How many rows, how many settled, how many bytes.</summary>
    public InboxStats Inbox()
    {
        InboxStats stats = new(0, 0, 0);
        Query(
            $"""
            SELECT COUNT(*), COALESCE(SUM(CASE WHEN w.kind IN ({SettledKinds}) THEN 1 ELSE 0 END), 0),
                   COALESCE(SUM(LENGTH(i.payload) + LENGTH(i.summary)), 0)
            FROM inbox i LEFT JOIN workouts w ON w.workout_id = i.workout_id
            """,
            r => stats = new InboxStats(r.GetInt32(0), r.GetInt32(1), r.GetInt64(2)));
        return stats;
    }

    /// <summary>
    /// Inbox workouts not settled in Intervals.icu, split at <paramref name="boundary"/> (when sync was turned on): those
    /// that ended before it wait for a backfill, the others for a sync (or are in sports the user does not sync).
    /// </summary>
    public (int EndedBefore, int EndedAfter) Unsettled(DateTimeOffset boundary)
    {
        (int, int) counts = (0, 0);
        Query(
            $"""
            SELECT COALESCE(SUM(CASE WHEN i.end_utc < $boundary THEN 1 ELSE 0 END), 0),
                   COALESCE(SUM(CASE WHEN i.end_utc >= $boundary THEN 1 ELSE 0 END), 0)
            FROM inbox i LEFT JOIN workouts w ON w.workout_id = i.workout_id
            WHERE w.kind IS NULL OR w.kind NOT IN ({SettledKinds}, 'deleted')
            """,
            r => counts = (r.GetInt32(0), r.GetInt32(1)),
            ("$boundary", boundary.ToUnixTimeSeconds()));
        return counts;
    }

    /// <summary>Removes one workout's row (one no workout can be: its outcome and history stay).</summary>
    public void RemoveFromInbox(string workoutId) => Execute("DELETE FROM inbox WHERE workout_id = $id", ("$id", workoutId));

    /// <summary>Removes the rows of workouts settled in Intervals.icu before <paramref name="before"/>; their outcomes and history stay.</summary>
    /// <remarks>A pruned workout read again from a later export is added back and reported as already synced: its outcome is kept.</remarks>
    public int PruneInbox(DateTimeOffset before)
    {
        lock (gate)
        {
            using var command = Command(
                $"DELETE FROM inbox WHERE workout_id IN (SELECT workout_id FROM workouts WHERE kind IN ({SettledKinds}) AND updated_at < $before)",
                [("$before", Format(before))]);
            return command.ExecuteNonQuery();
        }
    }

    /// <summary>One JSON buffer for every workout this state writes (under <c>gate</c>): it grows to the largest once.</summary>
    private System.Buffers.ArrayBufferWriter<byte>? intakeBuffer;

    /// <summary>The intake's buffer for compressed workouts, grown to the largest (see <see cref="InboxCodec.Compress"/>).</summary>
    private byte[]? compressBuffer;

    private const string SettledKinds = "'uploaded', 'already-synced', 'duplicate', 'same-session'";
}
