using System.Globalization;
using HealthSync.Workouts;

namespace HealthSync.Sync;

/// <summary>Which workouts a run looks at: the sport is on, and the workout is on this run's side of the sync boundary.</summary>
public static class WorkoutSelection
{
    /// <summary>Null when selected; otherwise why not.</summary>
    public static string? WhyNot(Workout workout, SyncRequest request)
    {
        var settings = request.Settings;
        if (request.Mode == SyncMode.New && settings.SyncOn == false)
        {
            return "sync is off (healthsync settings set sync on)";
        }

        if (!settings.Sports.Contains(workout.Category))
        {
            return $"{workout.Category.DisplayName()} is off in sports to sync";
        }

        var boundary = request.Boundary;
        if (request.Mode == SyncMode.New && boundary is { } b && workout.End <= b)
        {
            return $"ended before sync was turned on ({Day(b)}): use backfill";
        }

        if (request.Mode == SyncMode.Backfill)
        {
            if (boundary is { } after && workout.End > after)
            {
                return $"ended after sync was turned on ({Day(after)}): use sync";
            }

            if (request.Since is { } since && DateOnly.FromDateTime(WorkoutClock.LocalStart(workout, settings.TimeZone)) < since)
            {
                return $"before {since.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} (--since)";
            }
        }

        return null;
    }

    private static string Day(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
