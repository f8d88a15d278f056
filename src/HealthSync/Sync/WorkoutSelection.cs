using HealthSync.Workouts;

namespace HealthSync.Sync;

/// <summary>Which workouts a run looks at: sync on, the sport on, an app that does not deliver by itself, and the workout on this run's side of the sync boundary.</summary>
internal static class WorkoutSelection
{
    /// <summary>Null when selected; otherwise the not-selected outcome with its reason code.</summary>
    public static Outcome? WhyNot(Workout workout, SyncRequest request)
    {
        ArgumentNullException.ThrowIfNull(workout);
        ArgumentNullException.ThrowIfNull(request);
        var settings = request.Settings;
        if (request.Mode == SyncMode.New && settings.SyncOn == false)
        {
            return NotSelected(ReasonCode.SyncOff);
        }

        if (!settings.Sports.Contains(workout.Category))
        {
            return NotSelected(ReasonCode.SportOff) with { Category = workout.Category };
        }

        if (settings.DeliversItself(workout) is { } app)
        {
            // Garmin Connect, Strava, Zwift...: the app's own copy reaches Intervals.icu, so ours would be a second one.
            return NotSelected(ReasonCode.SourceDeliversItself) with { OtherSource = app.DisplayName };
        }

        var boundary = request.Boundary;
        if (request.Mode == SyncMode.New && boundary is { } b && workout.End <= b)
        {
            return NotSelected(ReasonCode.EndedBeforeSyncOn) with { Boundary = b };
        }

        if (request.Mode == SyncMode.Backfill)
        {
            if (boundary is { } after && workout.End > after)
            {
                return NotSelected(ReasonCode.EndedAfterSyncOn) with { Boundary = after };
            }

            if (request.Since is { } since && DateOnly.FromDateTime(WorkoutZone.LocalStart(workout, settings.TimeZone)) < since)
            {
                return NotSelected(ReasonCode.BeforeSince) with { Since = since };
            }
        }

        return null;
    }

    private static Outcome NotSelected(ReasonCode reason) => new(OutcomeKind.NotSelected, reason);
}
