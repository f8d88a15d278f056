using HealthSync.Workouts;

namespace HealthSync.Sync;

/// <summary>What happened (or, in a dry run, would happen) to one workout.</summary>
public enum SyncStatus
{
    /// <summary>Uploaded to Intervals.icu as a new activity.</summary>
    Uploaded,

    /// <summary>Dry run: would be uploaded.</summary>
    WouldUpload,

    /// <summary>Already in Intervals.icu (from HealthSync or another source), or not sent; see the reason.</summary>
    Skipped,

    /// <summary>Could not be converted or was rejected; retried by the next run.</summary>
    Failed,

    /// <summary>Outside this run: a sport turned off, or on the other side of the sync boundary.</summary>
    NotSelected,
}

/// <summary>One workout's outcome in a run, with the reason (skipped, failed, not selected) and the Intervals.icu activity.</summary>
public sealed record SyncItem(Workout Workout, SyncStatus Status, string? Reason, string? IntervalsActivityId);

/// <summary>Why a run stopped before the end.</summary>
public enum SyncStopKind
{
    /// <summary>Intervals.icu refused the credentials.</summary>
    CredentialsRefused,

    /// <summary>The request budget is spent (or the service answered 429 with a long wait).</summary>
    BudgetSpent,
}

/// <summary>A run stopped early: why, and when to resume for a spent budget.</summary>
public sealed record SyncStop(SyncStopKind Kind, string Message, DateTimeOffset? ResumeAt);

/// <summary>Everything a run did, in workout order, and why it stopped if it did.</summary>
public sealed record SyncReport(IReadOnlyList<SyncItem> Items, SyncStop? Stop)
{
    public int Count(SyncStatus status) => Items.Count(i => i.Status == status);
}
