using HealthSync.Workouts;
using Microsoft.Data.Sqlite;

namespace HealthSync.State;

/// <summary>A workout `healthsync forget` made a candidate again.</summary>
/// <param name="WorkoutId">The workout id.</param>
/// <param name="Name">The activity's name as a person reads it, when known.</param>
/// <param name="LocalStart">Its start in its own zone (else the fallback zone), when known.</param>
/// <param name="InInbox">Whether the inbox still holds it: if not, the next run needs an export that has it.</param>
public sealed record ForgottenWorkout(string WorkoutId, string? Name, DateTimeOffset? LocalStart, bool InInbox);

/// <summary>The undo half of the state: forgetting outcomes so the next run decides the workouts afresh.</summary>
public sealed partial class SyncState
{
    /// <summary>
    /// Removes the recorded outcome (and any pending upload) of each workout, and marks its history lines forgotten
    /// at <paramref name="now"/>: the lines stay, so the history still says what happened before. Ids without a
    /// recorded outcome are left out of the answer.
    /// </summary>
    public IReadOnlyList<ForgottenWorkout> Forget(IEnumerable<string> workoutIds, TimeZoneInfo fallbackZone, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(workoutIds);
        ArgumentNullException.ThrowIfNull(fallbackZone);
        var known = Workouts();
        var result = new List<ForgottenWorkout>();
        lock (gate)
        {
            using var transaction = connection.BeginTransaction();
            foreach (var id in workoutIds.Distinct(StringComparer.Ordinal))
            {
                if (!known.ContainsKey(id))
                {
                    continue;
                }

                var (name, start, inInbox) = Describe(transaction, id, fallbackZone);
                Run(transaction, "DELETE FROM workouts WHERE workout_id = $id", ("$id", id));
                Run(transaction, "DELETE FROM pending_uploads WHERE workout_id = $id", ("$id", id));
                Run(transaction, "UPDATE history SET forgotten_at = $at WHERE workout_id = $id AND forgotten_at IS NULL", ("$id", id), ("$at", Format(now)));
                result.Add(new ForgottenWorkout(id, name, start, inInbox));
            }

            transaction.Commit();
        }

        return result;
    }

    /// <summary>The workouts with a recorded outcome that started on a local date from <paramref name="from"/> to <paramref name="to"/> (both included).</summary>
    /// <remarks>The local date is taken in the workout's own zone when the inbox or the history knows it, else in <paramref name="fallbackZone"/>.</remarks>
    public IReadOnlyList<string> RecordedBetween(DateOnly from, DateOnly to, TimeZoneInfo fallbackZone)
    {
        ArgumentNullException.ThrowIfNull(fallbackZone);
        var ids = new List<string>();
        lock (gate)
        {
            foreach (var id in Workouts().Keys.Order(StringComparer.Ordinal))
            {
                if (Describe(null, id, fallbackZone).LocalStart is { } start && DateOnly.FromDateTime(start.DateTime) is var day && day >= from && day <= to)
                {
                    ids.Add(id);
                }
            }
        }

        return ids;
    }

    /// <summary>A history line's name and zone, from the workout the inbox holds (null, null when it holds none).</summary>
    private (string? Name, string? Zone) Readable(SqliteTransaction transaction, HistoryEntry history)
    {
        var summary = InboxSummary(transaction, history.WorkoutId);
        return summary is null ? (SportTable.DisplayName(history.ActivityType), null) : (SportTable.DisplayName(summary.Workout), summary.Workout.TimeZoneId);
    }

    /// <summary>What a person needs to recognise a workout: its name and local start, from the inbox, else its latest history line.</summary>
    private (string? Name, DateTimeOffset? LocalStart, bool InInbox) Describe(SqliteTransaction? transaction, string id, TimeZoneInfo fallbackZone)
    {
        if (InboxSummary(transaction, id) is { } summary)
        {
            return (SportTable.DisplayName(summary.Workout), WorkoutZone.Local(summary.Workout.Start, summary.Workout, fallbackZone), true);
        }

        using var command = Command("SELECT activity_type, start, name, time_zone FROM history WHERE workout_id = $id ORDER BY id DESC LIMIT 1", [("$id", id)]);
        command.Transaction = transaction;
        using var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            return (null, null, false);
        }

        var zone = WorkoutZone.Of(Text(reader, 3), fallbackZone);
        return (Text(reader, 2) ?? SportTable.DisplayName(reader.GetString(0)), TimeZoneInfo.ConvertTime(Instant(reader.GetString(1)), zone), false);
    }

    private WorkoutSummary? InboxSummary(SqliteTransaction? transaction, string id)
    {
        using var command = Command("SELECT summary FROM inbox WHERE workout_id = $id", [("$id", id)]);
        command.Transaction = transaction;
        return command.ExecuteScalar() is string json ? InboxCodec.Summary(json) : null;
    }
}
