using HealthSync.Workouts;

namespace HealthSync.HealthAutoExport;

/// <summary>What kind of problem a Health Auto Export document had.</summary>
public enum HealthAutoExportProblemCode
{
    /// <summary>A workout's name maps to no activity type: it was not read (never guessed into "Other"); a user mapping fixes it.</summary>
    UnknownActivityName,

    /// <summary>A workout could not be read at all (no valid start or end, not an object): it was skipped.</summary>
    UnreadableWorkout,

    /// <summary>Part of a workout could not be read (an unknown unit, a route point without a position): that part was left out.</summary>
    PartlyRead,
}

/// <summary>Something a Health Auto Export document held that could not be read, with its code and where it was.</summary>
/// <param name="Code">What kind of problem.</param>
/// <param name="Where">The document and place, e.g. "export.json, workout 3 (line 12)".</param>
/// <param name="Reason">What was wrong and what the reader did about it.</param>
public sealed record HealthAutoExportProblem(HealthAutoExportProblemCode Code, string Where, string Reason)
{
    /// <summary>The activity name as the phone sent it (for <see cref="HealthAutoExportProblemCode.UnknownActivityName"/>).</summary>
    public string? ActivityName { get; init; }

    /// <summary>The language the name seems to be in ("en", "fr", "de"), when its words tell.</summary>
    public string? Language { get; init; }

    /// <summary>The HealthKit workout UUID (`id`, v2 only), when the workout has one.</summary>
    public string? HealthKitId { get; init; }

    /// <summary>The workout's start, when it could be read.</summary>
    public DateTimeOffset? Start { get; init; }

    /// <summary>What could still be read of a workout that could not be read whole (its type, start and end): the run records it as failed.</summary>
    public WorkoutKey? Key { get; init; }

    /// <summary>The same problem as the source interface lists it.</summary>
    public SourceProblem ToSourceProblem() => new(Where, Reason) { Unreadable = Key };
}
