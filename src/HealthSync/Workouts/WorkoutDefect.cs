namespace HealthSync.Workouts;

/// <summary>What kind of part of a workout could not be read.</summary>
public enum WorkoutDefectKind
{
    /// <summary>The workout references a route file that could not be read (missing, beyond a truncation, unreadable, outside the export, too large).</summary>
    RouteUnreadable,
}

/// <summary>Something the workout should hold but does not, because the export was damaged: such a workout is incomplete, never to be marked synced.</summary>
/// <param name="Kind">What is missing.</param>
/// <param name="Detail">Which file and why, for the history line.</param>
public sealed record WorkoutDefect(WorkoutDefectKind Kind, string Detail);
