using HealthSync.Workouts;

namespace HealthSync.Sync;

/// <summary>The one place a workout's instant becomes local wall-clock time: its own zone, else the time-zone setting.</summary>
internal static class WorkoutClock
{
    public static DateTime LocalStart(Workout workout, TimeZoneInfo fallback) => TimeZoneInfo.ConvertTime(workout.Start, Zone(workout, fallback)).DateTime;

    public static TimeZoneInfo Zone(Workout workout, TimeZoneInfo fallback) =>
        workout.TimeZoneId is { Length: > 0 } id && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : fallback;
}
