namespace HealthSync.State;

/// <summary>A name the phone sends that the user mapped to an activity type.</summary>
/// <param name="Name">The name as the user gave it (matched with accents, case and spacing folded).</param>
/// <param name="ActivityType">The short HKWorkoutActivityType, e.g. "Walking".</param>
/// <param name="MappedAt">When it was mapped.</param>
public sealed record UserActivityName(string Name, string ActivityType, DateTimeOffset MappedAt);

/// <summary>A workout name no table knows, seen in stored documents: those workouts wait until the user maps it.</summary>
/// <param name="Name">The name as the phone sent it.</param>
/// <param name="Language">The language its words suggest ("en", "fr", "de"), when they tell.</param>
/// <param name="Documents">Stored documents holding it.</param>
/// <param name="Workouts">Workouts with that name, over those documents.</param>
/// <param name="FirstSeen">When a document with it was first read.</param>
public sealed record UnknownActivityName(string Name, string? Language, int Documents, int Workouts, DateTimeOffset FirstSeen);

/// <summary>The activity-names half of the state: the user's own names, and the unknown ones waiting for a mapping.</summary>
public sealed partial class SyncState
{
    /// <summary>The user's names, oldest mapping first.</summary>
    public IReadOnlyList<UserActivityName> UserActivityNames()
    {
        var result = new List<UserActivityName>();
        Query("SELECT name, activity_type, mapped_at FROM activity_names ORDER BY mapped_at, name", r => result.Add(new UserActivityName(r.GetString(0), r.GetString(1), Instant(r.GetString(2)))));
        return result;
    }

    /// <summary>The unknown names still waiting, the most recently seen first.</summary>
    public IReadOnlyList<UnknownActivityName> UnknownActivityNames()
    {
        var result = new List<UnknownActivityName>();
        Query(
            "SELECT name, MAX(language), COUNT(*), SUM(workouts), MIN(seen_at) FROM unknown_activity_names GROUP BY name ORDER BY MAX(seen_at) DESC, name",
            r => result.Add(new UnknownActivityName(r.GetString(0), Text(r, 1), r.GetInt32(2), r.GetInt32(3), Instant(r.GetString(4)))));
        return result;
    }

    /// <summary>Replaces what a read of document <paramref name="documentId"/> found unknown (an empty list clears it).</summary>
    public void SetUnknownActivityNames(long documentId, IReadOnlyList<(string Name, string? Language, int Workouts)> names, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(names);
        lock (gate)
        {
            using var transaction = connection.BeginTransaction();
            Run(transaction, "DELETE FROM unknown_activity_names WHERE document_id = $d", ("$d", documentId));
            foreach (var (name, language, workouts) in names)
            {
                Run(
                    transaction,
                    "INSERT INTO unknown_activity_names (name, language, document_id, workouts, seen_at) VALUES ($n, $l, $d, $w, $at)",
                    ("$n", name), ("$l", language), ("$d", documentId), ("$w", workouts), ("$at", Format(now)));
            }

            transaction.Commit();
        }
    }

    /// <summary>
    /// Stores a mapping (replacing one of the same name) and marks the documents holding any of
    /// <paramref name="coveredUnknownNames"/> waiting again, so the worker reads them with the mapping; returns how many.
    /// </summary>
    public int MapActivityName(string name, string activityType, IReadOnlyCollection<string> coveredUnknownNames, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(coveredUnknownNames);
        lock (gate)
        {
            using var transaction = connection.BeginTransaction();
            Run(
                transaction,
                "INSERT INTO activity_names (name, activity_type, mapped_at) VALUES ($n, $t, $at) ON CONFLICT (name) DO UPDATE SET activity_type = excluded.activity_type, mapped_at = excluded.mapped_at",
                ("$n", name), ("$t", activityType), ("$at", Format(now)));
            var requeued = 0;
            foreach (var unknown in coveredUnknownNames)
            {
                using var requeue = Command(
                    "UPDATE documents SET processed_at = NULL, outcome = NULL WHERE id IN (SELECT document_id FROM unknown_activity_names WHERE name = $n) AND processed_at IS NOT NULL",
                    [("$n", unknown)]);
                requeue.Transaction = transaction;
                requeued += requeue.ExecuteNonQuery();
                Run(transaction, "DELETE FROM unknown_activity_names WHERE name = $n", ("$n", unknown));
            }

            transaction.Commit();
            return requeued;
        }
    }

    /// <summary>Removes a mapping; false when there was none of that name.</summary>
    public bool UnmapActivityName(string name)
    {
        lock (gate)
        {
            using var command = Command("DELETE FROM activity_names WHERE name = $n", [("$n", name)]);
            return command.ExecuteNonQuery() > 0;
        }
    }
}
