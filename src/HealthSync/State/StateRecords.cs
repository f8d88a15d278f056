namespace HealthSync.State;

/// <summary>What the state remembers of one workout: its latest outcome.</summary>
/// <param name="WorkoutId">The workout id (also the Intervals.icu external_id).</param>
/// <param name="Status">uploaded, skipped or failed.</param>
/// <param name="Kind">Finer than the status: uploaded, already-synced, duplicate, session-duplicate, failed.</param>
/// <param name="Reason">Why (skipped and failed).</param>
/// <param name="IntervalsActivityId">The Intervals.icu activity, when there is one.</param>
/// <param name="UpdatedAt">When this outcome was recorded.</param>
public sealed record WorkoutRecord(string WorkoutId, string Status, string Kind, string? Reason, string? IntervalsActivityId, DateTimeOffset UpdatedAt);

/// <summary>One line of the sync history.</summary>
public sealed record HistoryEntry(
    string WorkoutId,
    string ActivityType,
    string Category,
    DateTimeOffset Start,
    string Status,
    string? Reason,
    string? IntervalsActivityId,
    DateTimeOffset At);

/// <summary>An upload that was started and not yet seen to finish (the process may have been killed during it).</summary>
public sealed record PendingUpload(string WorkoutId, string FitSha256, DateTimeOffset StartedAt);
