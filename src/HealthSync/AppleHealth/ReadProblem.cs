namespace HealthSync.AppleHealth;

/// <summary>Something the reader could not read, with where it was; the rest of the export was read.</summary>
/// <param name="Where">File and place, e.g. "export.zip › apple_health_export/export.xml, line 270".</param>
/// <param name="Reason">What was wrong and what the reader did about it.</param>
/// <param name="Kind">The stable code of the problem.</param>
public sealed record ReadProblem(string Where, string Reason, ReadProblemKind Kind)
{
    /// <summary>The workout the problem concerns, when its id is known (a route problem, or an unreadable workout whose identifying attributes parse).</summary>
    public string? WorkoutId { get; init; }

    /// <summary>For <see cref="ReadProblemKind.WorkoutUnreadable"/>: what could still be read of the Workout element.</summary>
    public UnreadableWorkout? Workout { get; init; }
}

/// <summary>What could be read leniently of a Workout element that could not be read whole; each part is null when it does not parse.</summary>
/// <param name="ActivityType">The workoutActivityType attribute.</param>
/// <param name="Start">The startDate attribute as an instant.</param>
/// <param name="End">The endDate attribute as an instant.</param>
/// <param name="Source">The sourceName attribute.</param>
public sealed record UnreadableWorkout(string? ActivityType, DateTimeOffset? Start, DateTimeOffset? End, string? Source);
