using HealthSync.Workouts;

namespace HealthSync.Sync;

/// <summary>A workout's outcome in a run: the kind, the reason code, and the facts a host needs to phrase it.</summary>
public sealed record Outcome(OutcomeKind Kind, ReasonCode Reason)
{
    /// <summary>The Intervals.icu activity: the uploaded one, or the one that made this workout a duplicate.</summary>
    public string? ActivityId { get; init; }

    /// <summary>Same session: the other Apple Health workout.</summary>
    public string? OtherWorkoutId { get; init; }

    /// <summary>Same session: the app that recorded the other workout. Duplicate: the activity's source code (GARMIN_CONNECT, ...).</summary>
    public string? OtherSource { get; init; }

    /// <summary>Duplicate: the activity's Intervals.icu type.</summary>
    public string? ActivityType { get; init; }

    /// <summary>Duplicate: how far apart the two starts are.</summary>
    public TimeSpan? StartGap { get; init; }

    /// <summary>Not selected: when sync was turned on (or would be).</summary>
    public DateTimeOffset? Boundary { get; init; }

    /// <summary>Not selected: the backfill's first day.</summary>
    public DateOnly? Since { get; init; }

    /// <summary>Not selected: the category that is off.</summary>
    public SportCategory? Category { get; init; }

    /// <summary>Free text from elsewhere: the service's or the encoder's message, or an earlier run's recorded reason.</summary>
    public string? Detail { get; init; }

    /// <summary>Uploaded.</summary>
    public static Outcome Uploaded(string activityId) => new(OutcomeKind.Uploaded, ReasonCode.None) { ActivityId = activityId };

    /// <summary>Failed, for <paramref name="reason"/>, with the message.</summary>
    public static Outcome Failed(ReasonCode reason, string detail) => new(OutcomeKind.Failed, reason) { Detail = detail };
}
