using HealthSync.Sync;

namespace HealthSync.State;

/// <summary>What the state remembers of one workout: its latest outcome.</summary>
/// <param name="WorkoutId">The workout id (also the Intervals.icu external_id).</param>
/// <param name="Kind">The outcome's kind (uploaded, already synced, duplicate, same session, failed).</param>
/// <param name="Reason">Why, in plain words (skipped and failed).</param>
/// <param name="IntervalsActivityId">The Intervals.icu activity, when there is one.</param>
/// <param name="UpdatedAt">When this outcome was recorded.</param>
public sealed record WorkoutRecord(string WorkoutId, OutcomeKind Kind, string? Reason, string? IntervalsActivityId, DateTimeOffset UpdatedAt);

/// <summary>One line of the sync history.</summary>
public sealed record HistoryEntry(
    string WorkoutId,
    string ActivityType,
    string Category,
    DateTimeOffset Start,
    OutcomeKind Kind,
    string? Reason,
    string? IntervalsActivityId,
    DateTimeOffset At)
{
    /// <summary>uploaded, skipped or failed.</summary>
    public string Status => Kind.Status();

    /// <summary>A failure that a later run resolved: the workout is settled in Intervals.icu now.</summary>
    public bool Resolved { get; init; }

    /// <summary>The activity's name as a person reads it ("Outdoor Walk"); null for lines written before it was kept.</summary>
    public string? Name { get; init; }

    /// <summary>The workout's own zone (HKTimeZone) when it has one.</summary>
    public string? TimeZoneId { get; init; }

    /// <summary>When `healthsync forget` made the workout a candidate again: this line's outcome no longer stands.</summary>
    public DateTimeOffset? ForgottenAt { get; init; }
}

/// <summary>An upload that was started and not yet seen to finish (the process may have been killed during it).</summary>
public sealed record PendingUpload(string WorkoutId, string FitSha256, DateTimeOffset StartedAt);
