using HealthSync.State;
using HealthSync.Workouts;

namespace HealthSync.Sync;

/// <summary>The one way an outcome is written: the workout's latest outcome and its history line, in one transaction.</summary>
internal static class OutcomeRecords
{
    /// <summary>Records <paramref name="outcome"/> of <paramref name="workout"/>, with its plain-words <paramref name="reason"/>.</summary>
    public static void Write(SyncState state, Workout workout, Outcome outcome, string? reason, string? fitSha256, DateTimeOffset now) =>
        state.Record(
            new WorkoutRecord(workout.Id, outcome.Kind, reason, outcome.ActivityId, now),
            fitSha256,
            new HistoryEntry(workout.Id, SportCategories.ShortName(workout.ActivityType), workout.Category.ToId(), workout.Start, outcome.Kind, reason, outcome.ActivityId, now));
}
