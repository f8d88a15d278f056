using HealthSync.State;
using HealthSync.Workouts;

namespace HealthSync.Sync;

/// <summary>A workout uploaded at another local time than its own (before pushed workouts kept the phone's offset).</summary>
/// <param name="WorkoutId">The workout.</param>
/// <param name="Name">Its name as a person reads it.</param>
/// <param name="Uploaded">The local start Intervals.icu shows.</param>
/// <param name="Right">Its own local start (the phone's).</param>
/// <param name="ActivityId">The activity in Intervals.icu, when known.</param>
public sealed record WrongLocalTime(string WorkoutId, string Name, DateTime Uploaded, DateTime Right, string? ActivityId);

/// <summary>
/// Finds the workouts uploaded at a local time that is not their own: a release before this one gave a pushed workout
/// the server's zone, and its inbox row, read again, now has the phone's offset. Intervals.icu has no API to move an
/// activity's local time, so each is listed with the fix: delete it there, then Re-send.
/// </summary>
public static class WrongLocalTimes
{
    /// <summary>Each uploaded workout whose upload's zone gives another local start than its own zone now.</summary>
    /// <param name="state">The state.</param>
    /// <param name="fallback">The zone for workouts without one (the time-zone setting), as at their upload.</param>
    public static IReadOnlyList<WrongLocalTime> Find(SyncState state, TimeZoneInfo fallback)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(fallback);
        var inbox = state.InboxSummaries().ToDictionary(s => s.Id, StringComparer.Ordinal);
        var known = state.Workouts();
        var result = new List<WrongLocalTime>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in state.History("uploaded", int.MaxValue))
        {
            // Newest first: the latest upload of each workout is the one in Intervals.icu.
            if (line.Kind != OutcomeKind.Uploaded || line.ForgottenAt is not null || !seen.Add(line.WorkoutId)
                || !known.TryGetValue(line.WorkoutId, out var record) || record.Kind != OutcomeKind.Uploaded
                || !inbox.TryGetValue(line.WorkoutId, out var summary))
            {
                continue;
            }

            var then = WorkoutZone.Of(line.TimeZoneId, fallback);
            var own = WorkoutZone.Of(summary.Workout, fallback);
            if (then.GetUtcOffset(summary.Workout.Start) != own.GetUtcOffset(summary.Workout.Start))
            {
                result.Add(new WrongLocalTime(
                    line.WorkoutId,
                    line.Name ?? SportTable.DisplayName(summary.Workout),
                    TimeZoneInfo.ConvertTime(summary.Workout.Start, then).DateTime,
                    WorkoutZone.LocalStart(summary.Workout, fallback),
                    record.IntervalsActivityId));
            }
        }

        return result;
    }
}
