namespace HealthSync.AppleHealth;

/// <summary>The stable code of a <see cref="ReadProblem"/>, for programs; the reason is for people.</summary>
public enum ReadProblemKind
{
    /// <summary>The document itself is damaged but was read as far as possible (a zip without its central directory).</summary>
    DocumentDamaged,

    /// <summary>A Workout element could not be read and was skipped; <see cref="ReadProblem.Workout"/> holds what could be read of it.</summary>
    WorkoutUnreadable,

    /// <summary>A route file the workout references could not be read; the workout carries a <see cref="Workouts.WorkoutDefect"/>.</summary>
    RouteUnreadable,

    /// <summary>A route was read but none of its points falls within the workout's time.</summary>
    RouteOutsideWorkout,

    /// <summary>A field of a workout (metadata, a statistic, an event detail) could not be read and was left out.</summary>
    FieldIgnored,

    /// <summary>Sample records of a joined type were skipped because a date or number in them could not be read.</summary>
    RecordsSkipped,

    /// <summary>Sample records came after the first Workout and were not joined to any workout.</summary>
    LateRecords,
}

/// <summary>What each <see cref="ReadProblemKind"/> means for the run.</summary>
public static class ReadProblemKinds
{
    /// <summary>
    /// True when the problem means a workout is missing or incomplete because the export is damaged: a fresh export
    /// may fix it, and a run that meets one must not end as a success. The others are warnings about single fields.
    /// </summary>
    public static bool MeansDamage(this ReadProblemKind kind) =>
        kind is ReadProblemKind.DocumentDamaged or ReadProblemKind.WorkoutUnreadable or ReadProblemKind.RouteUnreadable;
}
