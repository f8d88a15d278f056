namespace HealthSync.Workouts;

/// <summary>The one place a workout's zone is resolved: its own HKTimeZone, else the zone the user chose for workouts without one.</summary>
/// <remarks>
/// An instant is not a local time: Apple Health's dates are instants, and the zone is separate data that older
/// workouts do not carry. Every local time shown, sent or compared (FIT local timestamps, Strava stubs' local
/// start, --since dates, tables) goes through here, so they can never disagree.
/// </remarks>
public static class WorkoutZone
{
    /// <summary>The workout's zone: HKTimeZone when this machine knows it, else <paramref name="fallback"/>.</summary>
    public static TimeZoneInfo Of(Workout workout, TimeZoneInfo fallback)
    {
        ArgumentNullException.ThrowIfNull(workout);
        return Of(workout.TimeZoneId, fallback);
    }

    /// <summary>A workout's zone from its stored zone id (a history line's), else <paramref name="fallback"/>.</summary>
    public static TimeZoneInfo Of(string? zoneId, TimeZoneInfo fallback) =>
        zoneId is { Length: > 0 } id && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : fallback;

    /// <summary>True when the workout carries a zone this machine knows (no fallback needed).</summary>
    public static bool HasOwn(Workout workout) =>
        workout.TimeZoneId is { Length: > 0 } id && TimeZoneInfo.TryFindSystemTimeZoneById(id, out _);

    /// <summary>The workout's start as wall-clock time where it happened.</summary>
    public static DateTime LocalStart(Workout workout, TimeZoneInfo fallback) => Local(workout.Start, workout, fallback).DateTime;

    /// <summary>An instant of the workout's (its start, a lap) in the workout's zone, with that zone's offset.</summary>
    public static DateTimeOffset Local(DateTimeOffset instant, Workout workout, TimeZoneInfo fallback) => TimeZoneInfo.ConvertTime(instant, Of(workout, fallback));
}
